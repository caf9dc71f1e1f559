"""Jinja2 templates: the core's folder first, then each enabled plugin's ``templates/`` folder.

Every template rendered for a request receives the layout's variables (see
:func:`hub.core.web.layout.page_context`), under what the handler passes itself, the
globals ``csrf_input()`` / ``csrf_token()`` (see :mod:`hub.core.web.csrf`), ``csp_nonce()`` (the
nonce every ``<script>`` carries, see :mod:`hub.core.web.securite`) and the filters
``date_fr`` / ``date_heure_fr`` (:mod:`hub.core.web.dates`) and ``code_en_ligne``
(:mod:`hub.core.web.texte`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from litestar import Request
from litestar.plugins.jinja import JinjaTemplateEngine

from hub.core.web.csrf import csrf_input, csrf_token
from hub.core.web.dates import FILTERS as FILTRES_DATES
from hub.core.web.layout import page_context
from hub.core.web.securite import csp_nonce
from hub.core.web.texte import FILTERS as FILTRES_TEXTE
from hub.web import TEMPLATES_DIR

if TYPE_CHECKING:
    from hub.core.hub import Hub

PageContext = Callable[[Request[Any, Any, Any], str], dict[str, Any]]


def template_dirs(hub: Hub) -> list[Path]:
    return [TEMPLATES_DIR] + [info.templates_dir for info in hub.registry.enabled() if info.templates_dir]


def create_template_engine(hub: Hub) -> PageTemplateEngine:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dirs(hub)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    engine = PageTemplateEngine(environment, lambda request, name: page_context(hub, request, name))
    environment.globals.update(csrf_input=csrf_input, csrf_token=csrf_token)  # the hub's, not Litestar's
    environment.globals["csp_nonce"] = csp_nonce
    environment.filters.update(FILTRES_DATES | FILTRES_TEXTE)
    return engine


class PageTemplateEngine(JinjaTemplateEngine):
    """Litestar's Jinja engine, whose templates add the layout's variables when rendered."""

    def __init__(self, environment: jinja2.Environment, context: PageContext) -> None:
        super().__init__(engine_instance=environment)
        self.context = context

    def get_template(self, template_name: str) -> PageTemplate:  # type: ignore[override]
        return PageTemplate(super().get_template(template_name), self.context)


@dataclass(frozen=True, slots=True)
class PageTemplate:
    template: jinja2.Template
    context: PageContext

    def render(self, **context: Any) -> str:
        """``context`` must hold the ``request`` (Litestar's ``Template`` response adds it)."""
        name = self.template.name or ""
        context.pop("csrf_input", None)  # Litestar's own CSRF field: the hub's csrf_input() replaces it
        return self.template.render({**self.context(context["request"], name), **context})


def render_template(request: Request[Any, Any, Any], template_name: str, **context: Any) -> str:
    """Render a template to a string for ``request`` (used for widget fragments)."""
    return request.app.template_engine.get_template(template_name).render(request=request, **context)

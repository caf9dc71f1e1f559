"""The Litestar app of a hub, assembled by one ``InitPlugin`` from the hub's catalog."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.config.app import AppConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.plugins import InitPluginProtocol
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig

from hub.core.api import ROUTES as API_ROUTES
from hub.core.auth.pages import DEMO_HANDLERS, LOGIN_HANDLERS
from hub.core.auth.provider import OidcProvider
from hub.core.auth.usurpation_pages import USURPATION_HANDLERS
from hub.core.hub import Hub
from hub.core.web.access import require_access
from hub.core.web.console import ROUTES as CONSOLE_ROUTES
from hub.core.web.cra import ROUTES as CRA_ROUTES
from hub.core.web.csrf import require_csrf
from hub.core.web.dashboard import dashboard
from hub.core.web.en_tete import compter_invitations
from hub.core.web.fichiers import ROUTES as FICHIERS_ROUTES
from hub.core.web.errors import EXCEPTION_HANDLERS
from hub.core.web.identity import IdentityMiddleware, provide_api_client, provide_principal
from hub.core.web.limite_api import limit_api_failures
from hub.core.web.limites import close_limiter
from hub.core.web.mount import plugin_routers, short_url_handlers
from hub.core.web.organisation import ROUTES as ORGANISATION_ROUTES
from hub.core.web.pages import accessibility, health
from hub.core.web.securite import add_security_headers
from hub.core.web.templating import create_template_engine
from hub.core.web.widgets import widget_endpoint
from hub.web import STATIC_DIR
from hub.web.assets import vendor_ready

logger = logging.getLogger("hub.web")


def provide_hub(state: State) -> Hub:
    return state.hub


class HubWebPlugin(InitPluginProtocol):
    """Mounts the core pages, ``/static``, and every enabled plugin's pages and API.

    Route handlers may ask for the ``hub``, the ``principal`` (``Principal | None``) and the
    ``api_client`` (``AuthenticatedClient | None``) as ``NamedDependency[...]`` parameters.
    Every route is behind :func:`~hub.core.web.limite_api.limit_api_failures` (failed API
    authentications), :func:`~hub.core.web.access.require_access` (default deny), then
    :func:`~hub.core.web.csrf.require_csrf`; requests are identified by
    :class:`~hub.core.web.identity.IdentityMiddleware`; every response gets the security
    headers of :mod:`hub.core.web.securite`.
    """

    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        hub = self.hub
        app_config.state.update({"hub": hub, "oidc": OidcProvider(hub)})
        app_config.route_handlers.extend(
            [
                dashboard,
                widget_endpoint,
                accessibility,
                health,
                *LOGIN_HANDLERS,
                *(DEMO_HANDLERS if hub.settings.demo_login_enabled else []),
                *USURPATION_HANDLERS,
                *ORGANISATION_ROUTES,
                *CRA_ROUTES,
                *FICHIERS_ROUTES,
                *CONSOLE_ROUTES,
                *API_ROUTES,
                create_static_files_router(path="/static", directories=[STATIC_DIR], opt={"public": True}),
                *plugin_routers(hub.catalog),
                *short_url_handlers(hub.registry),
            ]
        )
        app_config.guards.append(limit_api_failures)  # refuses before credentials are looked at
        app_config.guards.extend([require_access, require_csrf])
        app_config.before_send.append(add_security_headers)  # every response, unknown addresses too
        app_config.on_shutdown.append(close_limiter)
        app_config.before_request = compter_invitations
        app_config.middleware.append(IdentityMiddleware())
        app_config.dependencies.update(
            {
                "hub": Provide(provide_hub, sync_to_thread=False),
                "principal": Provide(provide_principal),
                "api_client": Provide(provide_api_client),
            }
        )
        # No Litestar default /schema pages: they declare no access rule; the hub's own OpenAPI
        # document comes with the public API (DESIGN §7).
        app_config.openapi_config = None
        app_config.template_config = TemplateConfig(instance=create_template_engine(hub))
        app_config.exception_handlers.update(EXCEPTION_HANDLERS)
        app_config.lifespan.append(self.lifespan)
        app_config.logging_config = None  # the process (CLI, worker, tests) owns the logging set-up
        return app_config

    @asynccontextmanager
    async def lifespan(self, app: Litestar) -> AsyncIterator[None]:
        if not vendor_ready():
            logger.warning(
                "DSFR et htmx sont absents de hub/web/static/vendor : les pages s'afficheront sans style. "
                "Lancez `python -m hub.web.assets`."
            )
        await self.hub.startup()
        try:
            yield
        finally:
            await self.hub.shutdown()

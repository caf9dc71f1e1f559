"""Every hook of the hub. The docstrings are the contract; ``docs/plugins.md`` mirrors them.

Registration hooks are called once, when the hub is built, and return plain data. Event hooks
may be coroutines: the core awaits them, and an exception in one plugin is logged with the
plugin's name and never reaches the others. Implementations may accept any subset of a hook's
arguments, as in pluggy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hub.core.plugins.markers import hookspec

if TYPE_CHECKING:
    import click
    import pluggy
    from litestar.handlers import BaseRouteHandler
    from litestar.router import Router

    from hub.core.activites.inputs import CraPrefill
    from hub.core.hub import Hub
    from hub.core.identity import Principal
    from hub.core.plugins.contributions import JobSpec, MenuItem, Permission, WidgetSpec
    from hub.core.sync.connector import Connector
    from hub.core.sync.engine import SyncReport

    Handlers = Sequence[BaseRouteHandler | Router]


# Registration hooks -------------------------------------------------------------------------


@hookspec(historic=True)
def hub_add_hookspecs(pluginmanager: pluggy.PluginManager) -> None:
    """Publish hook specs of your own, so other plugins can extend yours.

    Called once for every plugin, including those registered later (historic hook).

    Example::

        @hookimpl
        def hub_add_hookspecs(pluginmanager):
            from plugins.stats import hookspecs
            pluginmanager.add_hookspecs(hookspecs)
    """


@hookspec
def hub_register_permissions(hub: Hub) -> Sequence[Permission]:
    """Return the permissions your plugin checks; names start with ``<slug>.``.

    Example::

        @hookimpl
        def hub_register_permissions():
            return [Permission(name="rdv.view", label="Voir ses rendez-vous")]
    """


@hookspec
def hub_register_menu(hub: Hub) -> Sequence[MenuItem]:
    """Return entries of the main menu; each is shown only to users holding its permission.

    Example::

        @hookimpl
        def hub_register_menu():
            return [MenuItem(label="Mes rendez-vous", href="/rdv", permission="rdv.view")]
    """


@hookspec
def hub_register_pages(hub: Hub) -> Handlers:
    """Return Litestar route handlers (or routers) for the web UI.

    The core mounts them under ``/<slug>`` behind a default-deny guard: a handler must name
    the permission it needs in ``opt={"permission": "<slug>.<action>"}`` or declare itself
    public with ``opt={"public": True}``. Templates are looked up in your plugin's
    ``templates/<slug>/`` folder.

    Example::

        @get("/", opt={"permission": "rdv.view"})
        async def index() -> Template:
            return Template("rdv/index.html", context={})

        @hookimpl
        def hub_register_pages():
            return [index]
    """


@hookspec
def hub_register_api(hub: Hub) -> Handlers:
    """Return Litestar route handlers for the JSON API, mounted under ``/api/v1/<slug>``.

    The same default-deny guard as for pages applies, plus ``opt={"api_scope": "<scope>"}``
    for routes that API clients (``Authorization: Bearer <client_id>:<secret>``) may call.
    Return msgspec Structs.

    Example::

        @get("/prochains", opt={"permission": "rdv.view"})
        async def prochains() -> list[RdvOut]: ...

        @hookimpl
        def hub_register_api():
            return [prochains]
    """


@hookspec
def hub_register_widgets(hub: Hub) -> Sequence[WidgetSpec]:
    """Return dashboard widgets. Ids are ``<slug>.<name>`` and unique across plugins.

    Example::

        async def prochains_rdv(ctx):
            count = await ctx.session.scalar(select(func.count()).select_from(Rdv))
            return ctx.render_template("rdv/widget.html", count=count)

        @hookimpl
        def hub_register_widgets():
            return [WidgetSpec(id="rdv.prochains_rdv", title="Mes rendez-vous",
                               render=prochains_rdv, permission="rdv.view")]
    """


@hookspec
def hub_register_connectors(hub: Hub) -> Sequence[type[Connector]]:
    """Return the :class:`~hub.core.sync.connector.Connector` classes your plugin provides.

    Their ``kind`` is ``<slug>.<name>``; operators declare instances of them in ``hub.toml``.

    Example::

        @hookimpl
        def hub_register_connectors():
            return [RdvServicePublicConnector]
    """


@hookspec
def hub_register_jobs(hub: Hub) -> Sequence[JobSpec]:
    """Return background jobs. Names are ``<slug>:<name>``; ``cron`` makes one periodic.

    Example::

        async def purge(ctx, days: int = 30) -> dict:
            ...
            return {"supprimes": n}

        @hookimpl
        def hub_register_jobs():
            return [JobSpec(name="rdv:purge", func=purge, cron="0 3 * * *")]
    """


@hookspec
def hub_register_commands(hub: Hub) -> Sequence[click.Command]:
    """Return click commands; they appear as ``hub <slug> <command>``.

    Example::

        @click.command("resync")
        def resync():
            click.echo("ok")

        @hookimpl
        def hub_register_commands():
            return [resync]
    """


@hookspec
def hub_register_form_targets(hub: Hub) -> Sequence[str]:
    """Return the origins (``https://host[:port]``) outside the hub that your pages' forms lead
    to, such as an OAuth authorization endpoint a « Lier mon compte » form is redirected to.

    They join ``form-action`` of the Content Security Policy, which browsers also apply to the
    redirects that follow a form; any other form target stays blocked. Anything but a bare
    http(s) origin is refused at startup.

    Example::

        @hookimpl
        def hub_register_form_targets(hub):
            return [hub.registry.plugins["rdv"].config.instance_url]
    """


# Event hooks ---------------------------------------------------------------------------------


@hookspec
async def hub_startup(hub: Hub) -> None:
    """Called once when the web app or the worker starts, after migrations were checked.

    Example::

        @hookimpl
        async def hub_startup(hub):
            hub.logger.info("prêt")
    """


@hookspec
async def hub_shutdown(hub: Hub) -> None:
    """Called once when the web app or the worker stops.

    Example::

        @hookimpl
        async def hub_shutdown(hub):
            await my_client.aclose()
    """


@hookspec
async def hub_on_sync_finished(hub: Hub, report: SyncReport) -> None:
    """Called after every sync run of a connector stream, whatever its outcome.

    ``report`` carries the instance, the stream, the status and the counts.

    Example::

        @hookimpl
        async def hub_on_sync_finished(hub, report):
            if report.instance_id.startswith("rdv") and report.inserted:
                await hub.queue.enqueue("rdv:match_beneficiaires")
    """


@hookspec
async def hub_cra_prefill(hub: Hub, principal: Principal, source: str) -> CraPrefill | None:
    """Pre-fill a mediator's CRA from one of your records: return a :class:`CraPrefill`, or
    ``None`` when ``source`` is not a record of ``principal``'s that may become a CRA.

    A link to ``/mes-activites/cra/individuel?source=<slug>:<key>`` (or ``collectif``) opens the
    form filled from it. ``source`` is always ``"<slug>:<key>"`` and only the plugin ``<slug>``
    is asked (no plugin answers for another's records). The core asks when showing the form and
    asks **again** when it is saved (the hidden field is never trusted): ``None`` then refuses
    the form (400, on ``source``). Once saved, the activity's ``rdv_id`` is the prefill's.
    A coroutine (it reads your tables); an exception is logged with your plugin's name and counts
    as ``None``.

    Example::

        @hookimpl
        async def hub_cra_prefill(hub, principal, source):
            async with hub.session() as session:
                rdv = await rdv_a_saisir(session, principal.id, source.removeprefix("rdv:"))
            if rdv is None:
                return None
            return CraPrefill(type="individuel", libelle=rdv.motif, rdv_id=rdv.cle,
                              date=jour_de(rdv.debut), duree_minutes=rdv.duree_minutes)
    """


# Per request and overrides -----------------------------------------------------------------------


@hookspec
def hub_template_context(hub: Hub, principal: Principal | None, template_name: str) -> dict[str, Any]:
    """Return extra variables for a template about to be rendered (merged in plugin order).

    Example::

        @hookimpl
        def hub_template_context(template_name):
            return {"rdv_aide_url": "https://rdv.anct.gouv.fr/"}
    """


@hookspec(firstresult=True)
def hub_dashboard_layout(hub: Hub, principal: Principal, widget_ids: Sequence[str]) -> Sequence[str] | None:
    """Reorder or filter the dashboard: return the widget ids to show, in order, or ``None``.

    ``widget_ids`` are the ids the user may see, in default order. The first plugin returning a
    list wins. Must be synchronous.

    Example::

        @hookimpl
        def hub_dashboard_layout(widget_ids):
            return sorted(widget_ids, key=lambda i: not i.startswith("rdv."))
    """

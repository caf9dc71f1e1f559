"""A browser on the organisation pages: who is signed in, forms posted with their CSRF token, and
the error messages a page shows next to its fields."""

from __future__ import annotations

import html
import re
from typing import Any

import httpx
from litestar.testing import AsyncTestClient
from markupsafe import escape

from hub.core.hub import Hub
from hub.core.identity.models import User
from hub.core.plugins.contributions import Role
from hub.testing import login_as, sign_in_client


class Site:
    def __init__(self, client: AsyncTestClient[Any]) -> None:
        self.client = client
        self.hub: Hub = client.app.state.hub
        self.csrf = ""

    async def sign_in(self, user: User) -> User:
        """Sign ``user`` in (the previous person is signed out)."""
        self.client.cookies.clear()
        await sign_in_client(self.client, self.hub, user.id)
        self.csrf = csrf_of(await self.client.get("/accessibilite"))
        return user

    async def sign_in_as(self, *roles: Role, **user: Any) -> User:
        """Sign a new test user holding ``roles`` in."""
        self.client.cookies.clear()
        created = await login_as(self.client, self.hub, roles=roles, **user)
        self.csrf = csrf_of(await self.client.get("/accessibilite"))
        return created

    async def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.get(url, **kwargs)

    async def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> httpx.Response:
        """Post a form with the signed-in person's CSRF token."""
        return await self.client.post(url, data={"csrf_token": self.csrf, **(data or {})}, **kwargs)


def csrf_of(page: httpx.Response) -> str:
    return page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def errors(page: httpx.Response) -> dict[str, str]:
    """The messages shown under fields, by the id of their field; each one checked to be linked
    to its field (``aria-describedby`` or ``aria-labelledby``) and listed in the summary."""
    found = {}
    for field_id, message in re.findall(
        r'id="([^"]+)-erreur">(?:<p class="fr-message fr-message--error">)?([^<]+)<', page.text
    ):
        message = html.unescape(message)
        assert re.search(rf'aria-(?:describedby|labelledby)="[^"]*\b{re.escape(field_id)}-erreur"', page.text), field_id
        assert f'<li><a href="#{field_id}">{escape(message)}</a></li>' in page.text, field_id
        found[field_id] = message
    return found


def success(page: httpx.Response) -> str | None:
    match = re.search(r'<div class="fr-alert fr-alert--success[^"]*" role="status">\s*<p>([^<]*)</p>', page.text)
    return html.unescape(match.group(1)) if match else None


def table_rows(page: httpx.Response) -> list[str]:
    """The row headers of the page's table."""
    return [html.unescape(cell) for cell in re.findall(r'<th scope="row">([^<]*)', page.text)]


def menu_links(page: httpx.Response) -> list[str]:
    nav = page.text.split('id="menu-principal"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a class="fr-nav__link" href="([^"]+)"', nav)

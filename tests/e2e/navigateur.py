"""What the browser tests share: Debian's chromium driven by Playwright, the app served by uvicorn
in a thread, and the demo persona picker to sign in (a real form post, CSRF token included)."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from litestar import Litestar

from hub.web.assets import build_assets

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_browser_and_assets() -> None:
    if not CHROMIUM.exists():
        message = (
            f"Chromium est introuvable ({CHROMIUM}) : lancez l'installation du projet, "
            "qui installe le paquet Debian chromium."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    if shutil.which("npm") is None:
        pytest.skip("npm est absent : impossible d'installer le DSFR et htmx (`python -m hub.web.assets`).")
    build_assets()


@asynccontextmanager
async def serve(app: Litestar, port: int = 0) -> AsyncIterator[str]:
    """Run ``app`` under uvicorn on a loopback port (a free one unless told: give ``port`` when the
    app must know its address beforehand, e.g. its ``public_url``), in a thread with its own event loop."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.01)
    else:
        raise RuntimeError("uvicorn n'a pas démarré")
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    """A headless chromium (skips the test when it or the front-end assets are missing)."""
    require_browser_and_assets()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


async def sign_in(browser: Any, base_url: str, display_name: str) -> Any:
    """A new page, in a browser context of its own (its own cookies), signed in as the test user
    ``display_name`` through the persona picker."""
    context = await browser.new_context()
    page = await context.new_page()
    page.set_default_timeout(10_000)
    await page.goto(f"{base_url}/connexion")
    await page.get_by_role("button", name=f"Se connecter en tant que {display_name}").click()
    await page.wait_for_load_state()
    return page

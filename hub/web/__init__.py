"""The web assets of the hub: Jinja templates, our own static files, and the vendored DSFR and htmx."""

from pathlib import Path

WEB_DIR = Path(__file__).parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

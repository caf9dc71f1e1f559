"""Installs DSFR and htmx from the npm registry and copies what the pages use into ``static/vendor/``.

Run ``python -m hub.web.assets`` (the set-up does). It runs ``npm ci --ignore-scripts`` only when
``node_modules`` does not match ``package-lock.json``, and copies only when the vendored files are
not those of the current lock file: a second run returns at once.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from hub.web import STATIC_DIR, WEB_DIR

STAMP_NAME = ".lock-sha256"

# (path under node_modules, path under static/vendor): the DSFR keeps its dist layout, which
# its css relies on (fonts/, icons/ next to dsfr.min.css, ../../icons/ from utility/icons/).
VENDOR_FILES = (
    ("@gouvfr/dsfr/dist/dsfr.min.css", "dsfr/dsfr.min.css"),
    ("@gouvfr/dsfr/dist/dsfr.module.min.js", "dsfr/dsfr.module.min.js"),
    ("@gouvfr/dsfr/dist/dsfr.nomodule.min.js", "dsfr/dsfr.nomodule.min.js"),
    ("@gouvfr/dsfr/dist/utility/icons/icons.min.css", "dsfr/utility/icons/icons.min.css"),
    ("@gouvfr/dsfr/dist/fonts", "dsfr/fonts"),
    ("@gouvfr/dsfr/dist/icons", "dsfr/icons"),
    ("@gouvfr/dsfr/dist/favicon", "dsfr/favicon"),
    ("@gouvfr/dsfr/LICENSE.md", "dsfr/LICENSE.md"),
    ("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"),
    ("htmx.org/LICENSE", "htmx/LICENSE"),
)


class AssetsError(RuntimeError):
    """The front-end files cannot be installed; the message says what to do, in French."""


def vendor_ready(web_dir: Path = WEB_DIR) -> bool:
    """True when ``static/vendor/`` holds the files of the current ``package-lock.json``."""
    vendor = web_dir / "static" / "vendor"
    stamp = vendor / STAMP_NAME
    return (
        stamp.is_file()
        and stamp.read_text() == _lock_digest(web_dir)
        and all((vendor / target).exists() for _, target in VENDOR_FILES)
    )


def build_assets(web_dir: Path = WEB_DIR) -> bool:
    """Make ``static/vendor/`` up to date; return ``False`` when it already was."""
    if vendor_ready(web_dir):
        return False
    if not _node_modules_match_lock(web_dir):
        _npm_ci(web_dir)
    vendor = web_dir / "static" / "vendor"
    shutil.rmtree(vendor, ignore_errors=True)
    for source, target in VENDOR_FILES:
        origin, destination = web_dir / "node_modules" / source, vendor / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, destination)
        else:
            shutil.copyfile(origin, destination)
    (vendor / STAMP_NAME).write_text(_lock_digest(web_dir))
    return True


def _lock_digest(web_dir: Path) -> str:
    lock = (web_dir / "package-lock.json").read_bytes()
    return hashlib.sha256(lock + repr(VENDOR_FILES).encode()).hexdigest()


def _node_modules_match_lock(web_dir: Path) -> bool:
    packages = json.loads((web_dir / "package-lock.json").read_text())["packages"]
    for path, entry in packages.items():
        manifest = web_dir / path / "package.json"
        if path and (not manifest.is_file() or json.loads(manifest.read_text()).get("version") != entry["version"]):
            return False
    return True


def _npm_ci(web_dir: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise AssetsError(
            "npm est introuvable : installez Node.js et npm (paquets Debian nodejs et npm), "
            "puis relancez `python -m hub.web.assets`"
        )
    command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"]
    result = subprocess.run(command, cwd=web_dir, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssetsError(f"`npm ci` a échoué dans {web_dir} :\n{result.stderr.strip()}")


def main() -> int:
    try:
        changed = build_assets()
    except AssetsError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    vendor = STATIC_DIR / "vendor"
    print(f"DSFR et htmx copiés dans {vendor}" if changed else f"DSFR et htmx déjà à jour dans {vendor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

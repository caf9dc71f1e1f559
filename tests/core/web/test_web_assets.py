import json

import pytest

from hub.web.assets import VENDOR_FILES, AssetsError, build_assets, vendor_ready


def fake_web_dir(folder, version="1.0.0"):
    """A web folder whose node_modules already matches its lock file (so npm is never run)."""
    lock = {"packages": {"": {}, "node_modules/@gouvfr/dsfr": {"version": version}}}
    (folder / "package-lock.json").write_text(json.dumps(lock))
    dsfr = folder / "node_modules" / "@gouvfr" / "dsfr"
    dsfr.mkdir(parents=True)
    (dsfr / "package.json").write_text(json.dumps({"version": version}))
    for source, _ in VENDOR_FILES:
        path = folder / "node_modules" / source
        if "." in path.name:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source)
        else:
            path.mkdir(parents=True, exist_ok=True)
            (path / "fichier.txt").write_text(source)
    return folder


def test_build_copies_the_vendor_files_once(tmp_path):
    web = fake_web_dir(tmp_path)

    assert build_assets(web) is True
    assert (web / "static/vendor/dsfr/dsfr.min.css").read_text() == "@gouvfr/dsfr/dist/dsfr.min.css"
    assert (web / "static/vendor/dsfr/fonts/fichier.txt").is_file()
    assert (web / "static/vendor/htmx/htmx.min.js").is_file()
    assert vendor_ready(web)
    assert build_assets(web) is False


def test_a_new_lock_file_makes_the_vendor_folder_stale(tmp_path, monkeypatch):
    web = fake_web_dir(tmp_path)
    build_assets(web)
    lock = json.loads((web / "package-lock.json").read_text())
    lock["packages"]["node_modules/@gouvfr/dsfr"]["version"] = "2.0.0"
    (web / "package-lock.json").write_text(json.dumps(lock))
    monkeypatch.setenv("PATH", "")

    assert not vendor_ready(web)
    with pytest.raises(AssetsError, match="npm est introuvable"):
        build_assets(web)

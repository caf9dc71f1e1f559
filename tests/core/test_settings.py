"""Deployment settings: file, environment, secret references, redaction, production refusals."""

from pathlib import Path

import pytest

from hub.core.errors import SettingsError
from hub.core.secrets import REDACTED
from hub.core.settings import load_settings

STRONG_KEY = "k" * 40


def write(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "hub.toml"
    path.write_text(text, encoding="utf-8")
    return {"HUB_CONFIG": str(path)}


def test_file_then_environment_then_defaults(tmp_path: Path) -> None:
    environ = write(tmp_path, '[hub]\nbranding = "etat"\nsite_name = "Hub Grand Est"\n')
    environ["HUB_SITE_NAME"] = "Hub Marne"
    settings = load_settings(environ)
    assert (settings.branding, settings.site_name, settings.env) == ("etat", "Hub Marne", "dev")


def test_env_and_file_references_become_secrets_that_never_show(tmp_path: Path) -> None:
    (tmp_path / "cle").write_text("secret-du-fichier\n", encoding="utf-8")
    environ = write(
        tmp_path,
        '[hub]\nsecret_key = { "$file" = "cle" }\n'
        '[[connectors]]\nid = "rdv-51"\nkind = "rdv.rdv_service_public"\n'
        'config = { client_secret = { "$env" = "RDV_SECRET" } }\n',
    )
    environ["RDV_SECRET"] = "secret-de-l-environnement"
    settings = load_settings(environ)
    assert settings.secret_key.reveal() == "secret-du-fichier"
    assert settings.connectors[0].config["client_secret"].reveal() == "secret-de-l-environnement"
    shown = repr(settings) + str(settings.redacted())
    assert "secret-du-fichier" not in shown and "secret-de-l-environnement" not in shown
    assert settings.redacted()["connectors"][0]["config"]["client_secret"] == REDACTED


def test_missing_env_reference_says_which_variable(tmp_path: Path) -> None:
    environ = write(tmp_path, '[hub]\nredis_url = { "$env" = "REDIS_ABSENT" }\n')
    with pytest.raises(SettingsError, match="REDIS_ABSENT n'est pas définie"):
        load_settings(environ)


def test_list_settings_from_the_environment_are_comma_separated() -> None:
    assert load_settings({"HUB_PLUGINS_DISABLED": "rdv, stats"}).plugins_disabled == ["rdv", "stats"]


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"HUB_BRANDING": "violet"}, r"valeur non autorisée 'violet' — à `\$.branding`"),
        ({"HUB_WIDGET_TIMEOUT_SECONDS": "bientôt"}, "widget_timeout_seconds"),
    ],
)
def test_invalid_values_name_the_field_in_french(environ: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(environ)


def test_unknown_section_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="sections inconnues.*base"):
        load_settings(write(tmp_path, "[base]\nurl = 'x'\n"))


def test_production_refuses_the_default_secret_key() -> None:
    with pytest.raises(SettingsError, match="HUB_SECRET_KEY"):
        load_settings({"HUB_ENV": "prod"})


def test_production_refuses_the_demo_login() -> None:
    with pytest.raises(SettingsError, match="connexion de démonstration"):
        load_settings({"HUB_ENV": "prod", "HUB_SECRET_KEY": STRONG_KEY, "HUB_DEMO_LOGIN": "true"})


def test_production_starts_with_its_own_key_and_no_demo_login() -> None:
    settings = load_settings({"HUB_ENV": "prod", "HUB_SECRET_KEY": STRONG_KEY})
    assert settings.env == "prod" and not settings.demo_login_enabled
    assert load_settings({}).demo_login_enabled

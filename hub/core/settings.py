"""Deployment settings: ``hub.toml`` (path in ``HUB_CONFIG``) overlaid with ``HUB_*`` variables.

The file has three parts::

    [hub]                      # the core settings below
    env = "prod"
    secret_key = { "$env" = "HUB_SECRET" }

    [plugins.rdv]              # one table per plugin, checked against its manifest's config type
    ...

    [[connectors]]             # connector instances
    id = "rdv-paris"
    kind = "rdv.rdv_service_public"
    config = { client_secret = { "$file" = "/run/secrets/rdv" } }

A ``HUB_<NAME>`` variable overrides the core setting ``<name>`` (lists are comma-separated).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import msgspec

from hub.core.errors import SettingsError
from hub.core.secrets import REDACTED, Secret, resolve_references

DEFAULT_SECRET_KEY = "dev-secret-key-a-remplacer-en-production"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///var/hub.sqlite3"
# The schemes of ``smtp_url`` and their default ports (see ``hub.core.mail.envoi``).
SMTP_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


class ConnectorInstanceSettings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """One connector instance declared by the operator (``[[connectors]]``)."""

    id: str
    kind: str
    title: str | None = None
    enabled: bool = True
    every_minutes: int = 60
    config: dict[str, Any] = msgspec.field(default_factory=dict)


class Settings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    env: Literal["dev", "prod"] = "dev"
    secret_key: Secret = msgspec.field(default_factory=lambda: Secret(DEFAULT_SECRET_KEY))
    database_url: Secret = msgspec.field(default_factory=lambda: Secret(DEFAULT_DATABASE_URL))
    redis_url: Secret | None = None
    # The arq queue of this deployment; give each deployment its own when several share one Redis.
    queue_name: str = "hub:queue"
    data_dir: str = "var"
    site_name: str = "Hub de la médiation numérique"
    branding: Literal["neutre", "etat"] = "neutre"
    demo_login: bool | None = None
    # The address people reach the hub at: OpenID Connect redirections are built from it, and
    # cookies are ``Secure`` when it is https (or in ``prod``).
    public_url: str = "http://127.0.0.1:8000"
    # OpenID Connect (ProConnect by default): login is offered once the client id and secret are set.
    oidc_discovery_url: str = "https://auth.agentconnect.gouv.fr/api/v2/.well-known/openid-configuration"
    oidc_client_id: str | None = None
    oidc_client_secret: Secret | None = None
    oidc_scopes: str = "openid given_name usual_name email phone siret uid idp_id"
    # A session ends ``session_hours`` after login, or after ``session_idle_minutes`` without a request.
    session_hours: Annotated[int, msgspec.Meta(ge=1)] = 12
    session_idle_minutes: Annotated[int, msgspec.Meta(ge=1)] = 120
    # Failed logins and API authentications: past this many in the window, per IP address or per
    # identifier tried, attempts are refused (429) until the oldest leaves the window; 0: no limit.
    auth_failures_per_ip: Annotated[int, msgspec.Meta(ge=0, le=1000)] = 30
    auth_failures_per_identifier: Annotated[int, msgspec.Meta(ge=0, le=1000)] = 10
    auth_failures_window_seconds: Annotated[int, msgspec.Meta(ge=1)] = 900
    # Outgoing mail: ``smtp://`` (plain), ``smtp+starttls://`` or ``smtps://`` with
    # ``user:password@host:port``; without it, mails are written as ``.eml`` files in ``<data_dir>/mails``.
    smtp_url: Secret | None = None
    mail_from: str = "Hub de la médiation numérique <ne-pas-repondre@hub.invalid>"
    plugins_disabled: list[str] = msgspec.field(default_factory=list)
    widget_timeout_seconds: float = 3.0
    plugins: dict[str, dict[str, Any]] = msgspec.field(default_factory=dict)
    connectors: list[ConnectorInstanceSettings] = msgspec.field(default_factory=list)

    def __post_init__(self) -> None:
        if self.smtp_url is not None:
            parts = urlsplit(self.smtp_url.reveal())
            if parts.scheme not in SMTP_PORTS or not parts.hostname:
                raise ValueError(
                    "smtp_url : attendu smtp://, smtp+starttls:// ou smtps:// suivi de "
                    "[utilisateur:mot-de-passe@]hôte[:port]"
                )

    @property
    def demo_login_enabled(self) -> bool:
        return self.env == "dev" if self.demo_login is None else self.demo_login

    @property
    def oidc_enabled(self) -> bool:
        """OpenID Connect login is offered only when the client id and secret are both set."""
        return bool(self.oidc_client_id) and self.oidc_client_secret is not None and bool(self.oidc_client_secret.reveal())

    @property
    def secure_cookies(self) -> bool:
        return self.env == "prod" or self.public_url.startswith("https://")

    def redacted(self) -> dict[str, Any]:
        """The settings as plain data, every secret masked: what any screen or log may show."""
        return msgspec.to_builtins(self, enc_hook=_redact_secret)

    def plugin_config(self, name: str) -> dict[str, Any]:
        return self.plugins.get(name, {})


_CORE_FIELDS = {f for f in Settings.__struct_fields__ if f not in ("plugins", "connectors")}
_LIST_FIELDS = {"plugins_disabled"}


def _redact_secret(value: Any) -> Any:
    if isinstance(value, Secret):
        return REDACTED
    raise NotImplementedError(type(value))


def secret_dec_hook(type_: type, value: Any) -> Any:
    """msgspec hook: builds :class:`Secret` fields from plain strings or resolved references."""
    if type_ is Secret:
        if isinstance(value, Secret):
            return value
        if isinstance(value, str):
            return Secret(value)
        raise msgspec.ValidationError("une chaîne de caractères ou une référence $env/$file est attendue")
    raise NotImplementedError(type_)


def convert(data: Any, type_: type, *, where: str) -> Any:
    """Convert plain data into ``type_``, with a French error that names the faulty field."""
    try:
        return msgspec.convert(data, type_, dec_hook=secret_dec_hook, strict=False)
    except msgspec.ValidationError as exc:
        raise SettingsError(f"réglage invalide dans {where} : {french_validation_message(str(exc))}") from None


def french_validation_message(message: str) -> str:
    """A msgspec validation message in French (field paths kept as they are)."""
    replacements = {
        "Expected": "attendu",
        "got": "reçu",
        "Object contains unknown field": "champ inconnu",
        "Object missing required field": "champ obligatoire manquant",
        "Invalid enum value": "valeur non autorisée",
        "Invalid RFC3339 encoded datetime": "date et heure invalides (attendu : AAAA-MM-JJTHH:MM:SSZ)",
        "Invalid RFC3339 encoded date": "date invalide (attendu : AAAA-MM-JJ)",
        "matching regex": "au format",
        "that is >": "supérieur à",
        "that is <": "inférieur à",
        "length >=": "de longueur au moins",
        "length <=": "de longueur au plus",
        " - at ": " — à ",
    }
    for english, french in replacements.items():
        message = message.replace(english, french)
    return message


def _read_file(path: Path, environ: dict[str, str]) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise SettingsError(f"le fichier de configuration {path} (HUB_CONFIG) est introuvable") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"le fichier de configuration {path} n'est pas du TOML valide : {exc}") from None
    unknown = set(document) - {"hub", "plugins", "connectors"}
    if unknown:
        raise SettingsError(
            f"sections inconnues dans {path} : {', '.join(sorted(unknown))} "
            "(seules [hub], [plugins.<nom>] et [[connectors]] sont lues)"
        )
    try:
        return resolve_references(document, base_dir=path.parent, environ=environ)
    except ValueError as exc:
        raise SettingsError(f"{path} : {exc}") from None


def _from_environ(environ: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in _CORE_FIELDS:
        raw = environ.get(f"HUB_{name.upper()}")
        if raw is None:
            continue
        values[name] = [item.strip() for item in raw.split(",") if item.strip()] if name in _LIST_FIELDS else raw
    return values


def load_settings(environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Read ``HUB_CONFIG`` (optional) then ``HUB_*`` variables, then ``overrides`` (tests)."""
    environ = dict(os.environ if environ is None else environ)
    document: dict[str, Any] = {}
    if environ.get("HUB_CONFIG"):
        document = _read_file(Path(environ["HUB_CONFIG"]), environ)
    data: dict[str, Any] = dict(document.get("hub", {}))
    data["plugins"] = document.get("plugins", {})
    data["connectors"] = document.get("connectors", [])
    data.update(_from_environ(environ))
    data.update(overrides)
    settings = convert(data, Settings, where=environ.get("HUB_CONFIG") or "l'environnement")
    check_production(settings)
    return settings


def check_production(settings: Settings) -> None:
    """In ``prod`` the hub refuses to start on unsafe settings."""
    if settings.env != "prod":
        return
    key = settings.secret_key.reveal()
    if key == DEFAULT_SECRET_KEY or len(key) < 32:
        raise SettingsError(
            "HUB_ENV=prod exige une clé secrète propre à ce déploiement d'au moins 32 caractères : "
            "définissez HUB_SECRET_KEY (par exemple avec `python -c \"import secrets; print(secrets.token_urlsafe(48))\"`)"
        )
    if settings.demo_login_enabled:
        raise SettingsError(
            "HUB_ENV=prod refuse la connexion de démonstration : retirez demo_login (ou HUB_DEMO_LOGIN) de la configuration"
        )

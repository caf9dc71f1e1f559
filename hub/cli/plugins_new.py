"""``hub plugins new NOM``: writes the installable package of a new partner plugin.

The package is copied from the model shipped with the hub (``hub/cli/modele_plugin/``, every file
a ``.tmpl``), with ``__nom__`` (the plugin's slug), ``__Titre__``, ``__paquet__`` (the Python
package, ``hub_<nom>``), ``__distribution__`` and ``__version_hub__`` replaced in paths and text.
As generated, it installs with ``pip install -e .``, passes its own tests and is listed by the hub.
"""

from __future__ import annotations

from pathlib import Path

import click

import hub
from hub.core.jobs.heartbeat import hub_version
from hub.core.plugins.manifest import SLUG_PATTERN
from hub.core.plugins.registry import CORE_PLUGIN

MODELE = Path(__file__).parent / "modele_plugin"
SUFFIXE = ".tmpl"
HUB_ROOT = Path(hub.__file__).resolve().parents[1]


class ScaffoldError(Exception):
    """The plugin cannot be written; the French message says what to do instead."""


def check_name(nom: str) -> str:
    """``nom`` if it is a valid plugin slug (the registry's rule); :class:`ScaffoldError` otherwise."""
    if nom == CORE_PLUGIN:
        raise ScaffoldError(f"« {CORE_PLUGIN} » est le nom du cœur du hub : choisissez un autre nom de plugin")
    if not SLUG_PATTERN.match(nom):
        raise ScaffoldError(
            f"« {nom} » n'est pas un nom de plugin valide : de 2 à 31 caractères, minuscules sans accents, "
            "chiffres ou _, en commençant par une lettre (par exemple « exemple » ou « mon_reseau »)"
        )
    return nom


def replacements(nom: str) -> dict[str, str]:
    """The placeholders of the model and their values for plugin ``nom``."""
    return {
        "__distribution__": f"hub-plugin-{nom.replace('_', '-')}",
        "__version_hub__": hub_version(),
        "__paquet__": f"hub_{nom}",
        "__Titre__": nom.replace("_", " ").capitalize(),
        "__nom__": nom,
    }


def _substitute(text: str, values: dict[str, str]) -> str:
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def scaffold(nom: str, dossier: Path) -> list[Path]:
    """Write the package of plugin ``nom`` into ``dossier`` (created; it must not exist or be
    empty, and must lie outside the hub's own source tree). Returns the files written.

    Raises :class:`ScaffoldError` for an invalid name or an unusable folder."""
    check_name(nom)
    cible = dossier.resolve()
    if (HUB_ROOT / "pyproject.toml").is_file() and cible.is_relative_to(HUB_ROOT):
        raise ScaffoldError(
            f"{dossier} est dans le dépôt du hub : un plugin partenaire vit dans son propre dépôt, "
            f"choisissez un autre dossier avec --dossier (par exemple --dossier ../hub-plugin-{nom})"
        )
    if cible.exists() and (not cible.is_dir() or any(cible.iterdir())):
        raise ScaffoldError(
            f"{dossier} existe déjà et n'est pas vide : choisissez un autre dossier avec --dossier, "
            "ou videz celui-ci"
        )
    values = replacements(nom)
    written = []
    for model in sorted(MODELE.rglob(f"*{SUFFIXE}")):
        relative = model.relative_to(MODELE).as_posix().removesuffix(SUFFIXE)
        target = cible / _substitute(relative, values)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_substitute(model.read_text(encoding="utf-8"), values), encoding="utf-8")
        written.append(target)
    return written


@click.command("new")
@click.argument("nom")
@click.option(
    "--dossier",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Dossier du paquet à créer (par défaut ./hub-plugin-NOM).",
)
def plugins_new(nom: str, dossier: Path | None) -> None:
    """Crée le paquet d'un nouveau plugin (connecteur, bloc, page, API, tâche, migrations, tests)."""
    dossier = dossier or Path(f"hub-plugin-{nom.replace('_', '-')}")
    try:
        written = scaffold(nom, dossier)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Plugin « {nom} » créé dans {dossier} ({len(written)} fichiers). Ensuite :")
    click.echo(f"  cd {dossier}")
    click.echo('  pip install -e ".[test]"   # dans l\'environnement du hub')
    click.echo("  pytest                     # ses tests passent tels quels")
    click.echo(f"  hub plugins list           # « {nom} » apparaît")
    click.echo("Le mode d'emploi est dans son README.md.")

"""The columns of the « Activités » export, in La Coop's order (``buildAccompagnementsWorksheet``).

Date, Enregistré le, Dernière modification le; for a team, the mediator (first name, name,
role, conseiller numérique or not — the hub keeps the flag, not La Coop's « ID - Conum »);
Type, Participants (« 3/10 »: the 3rd accompagnement of 10), Bénéficiaire (own export only:
« Prénom Nom », or « Anonyme »), Canaux d'accompagnement; the place (Nom du lieu, Adresse,
Commune, Code postal, Code Insee); Durée (min), Nom de l'atelier, Matériel, Thématique(s),
Tags, Nom de la démarche administrative, Niveau d'autonomie (ou de l'atelier) as « n/3 »,
Bénéficiaire réorienté, Structure de redirection; the bénéficiaire's commune, code postal,
code INSEE, genre, age band and status; Notes (own export only), Source de la donnée (when
some activities come from the V1), ID CRA.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hub.core.activites.enums import (
    ETOILES_AUTONOMIE,
    ETOILES_NIVEAU,
    MATERIELS,
    SOURCES,
    STRUCTURES_DE_REDIRECTION,
    TYPES_ACTIVITE,
    TYPES_LIEU,
)
from hub.core.activites.thematiques import LABELS
from hub.core.beneficiaires.enums import GENRES, STATUTS_SOCIAUX, TRANCHES_AGE
from hub.core.exports.activites.lignes import SEPARATEUR_TAGS
from hub.core.exports.ecriture import ColonneExport
from hub.core.exports.tableur import Valeur

ANONYME = "Anonyme"
OUI_NON = {True: "Oui", False: "Non"}


def colonnes_activites(*, equipe: bool, avec_source: bool) -> list[ColonneExport]:
    """The columns of a mediator's own export, or of a team's (``equipe``); « Source de la
    donnée » when ``avec_source``."""
    mediateur = [
        _champ("Prénom du médiateur", "mediateur_prenom"),
        _champ("Nom du médiateur", "mediateur_nom"),
        ColonneExport("Rôle", lambda ligne: "Coordinateur" if ligne["coordinateur"] else "Médiateur"),
        ColonneExport("Conseiller numérique", lambda ligne: OUI_NON[bool(ligne["conseiller_numerique"])]),
    ]
    return [
        _champ("Date", "date"),
        _champ("Enregistré le", "creation"),
        _champ("Dernière modification le", "modification"),
        *(mediateur if equipe else []),
        _libelle("Type", "type", TYPES_ACTIVITE),
        ColonneExport("Participants", lambda ligne: f"{ligne['rang']}/{ligne['accompagnements_count']}"),
        *([] if equipe else [ColonneExport("Bénéficiaire", _beneficiaire)]),
        _libelle("Canaux d'accompagnement", "type_lieu", TYPES_LIEU),
        _champ("Nom du lieu", "lieu_nom"),
        _champ("Adresse", "lieu_adresse"),
        _champ("Commune", "lieu_commune"),
        _champ("Code postal", "lieu_code_postal"),
        _champ("Code Insee", "lieu_code_insee"),
        _champ("Durée (min)", "duree"),
        _champ("Nom de l'atelier", "titre_atelier"),
        _libelles("Matériel", "materiel", MATERIELS),
        _libelles("Thématique(s)", "thematiques", LABELS),
        ColonneExport("Tags", _tags),
        _champ("Nom de la démarche administrative", "precisions_demarche"),
        ColonneExport("Niveau d'autonomie (ou de l'atelier)", _niveau),
        ColonneExport("Bénéficiaire réorienté", lambda ligne: _oui_non(ligne["oriente_vers_structure"])),
        _libelle("Structure de redirection", "structure_de_redirection", STRUCTURES_DE_REDIRECTION),
        _champ("Commune du bénéficiaire", "beneficiaire_commune"),
        _champ("Code postal du bénéficiaire", "beneficiaire_code_postal"),
        _champ("Code INSEE du bénéficiaire", "beneficiaire_code_insee"),
        _libelle("Genre du bénéficiaire", "genre", GENRES),
        _libelle("Tranche d'âge du bénéficiaire", "tranche_age", TRANCHES_AGE),
        _libelle("Statut du bénéficiaire", "statut_social", STATUTS_SOCIAUX),
        *([] if equipe else [_champ("Notes", "notes")]),
        *([ColonneExport("Source de la donnée", _source)] if avec_source else []),
        _champ("ID CRA", "id"),
    ]


def _champ(libelle: str, cle: str) -> ColonneExport:
    return ColonneExport(libelle, lambda ligne: ligne[cle])


def _libelle(libelle: str, cle: str, libelles: Mapping[str, str]) -> ColonneExport:
    return ColonneExport(libelle, lambda ligne: libelles.get(ligne[cle], ligne[cle]))


def _libelles(libelle: str, cle: str, libelles: Mapping[str, str]) -> ColonneExport:
    return ColonneExport(libelle, lambda ligne: ", ".join(libelles.get(valeur, valeur) for valeur in ligne[cle]))


def _beneficiaire(ligne: Mapping[str, Any]) -> Valeur:
    if ligne["anonyme"]:
        return ANONYME
    return " ".join(partie for partie in (ligne["prenom"], ligne["nom"]) if partie)


def _tags(ligne: Mapping[str, Any]) -> Valeur:
    noms = [nom for nom in (ligne["tags"] or "").split(SEPARATEUR_TAGS) if nom]
    return ", ".join(sorted(noms, key=str.casefold))


def _niveau(ligne: Mapping[str, Any]) -> Valeur:
    etoiles = ETOILES_AUTONOMIE.get(ligne["autonomie"]) or ETOILES_NIVEAU.get(ligne["niveau"])
    return f"{etoiles}/3" if etoiles else None


def _oui_non(valeur: bool | None) -> Valeur:
    return None if valeur is None else OUI_NON[valeur]


def _source(ligne: Mapping[str, Any]) -> Valeur:
    return SOURCES["v1" if ligne["v1_cra_id"] else "v2"]

"""One row of an activities file checked as the forms check a CRA, nothing written.

The row is read as a CRA (:func:`~hub.core.activites.inputs.lire_cra`: types, constraints and
their messages), checked against La Coop's rules
(:func:`~hub.core.activites.regles.verifier_regles`), then against the mediator's facts read
once (:mod:`~hub.core.imports.activites.contexte`) with the forms' own messages; its columns
are those the service would store (:func:`~hub.core.activites.preparation.colonnes_cra`).
"""

from __future__ import annotations

from typing import Any

from hub.core.activites.inputs import CraCollectif, CraIndividuel, lire_cra
from hub.core.activites.preparation import LIEU_INCONNU, CraPrepare, colonnes_cra
from hub.core.activites.regles import verifier_regles
from hub.core.beneficiaires.acces import INTROUVABLE
from hub.core.errors import ValidationError
from hub.core.imports.activites.colonnes import SUIVIS, colonne_du_champ, donnees_cra
from hub.core.imports.activites.contexte import ContexteImport
from hub.core.imports.rapport import ErreurLigne, erreurs_de_ligne
from hub.core.tags.visibilite import TAG_INCONNU

UN_SEUL_SUIVI = "Un accompagnement individuel accompagne un seul bénéficiaire suivi."


def verifier_ligne(numero: int, valeurs: dict[str, Any], contexte: ContexteImport) -> CraPrepare | list[ErreurLigne]:
    """The checked CRA of row ``numero`` (its cells by column key), or its faults."""
    valeurs = dict(valeurs)
    erreurs: dict[str, str] = {}
    lieu = valeurs.pop("structure_id", None)
    if lieu is not None and (lieu_id := contexte.lieu(str(lieu))) is not None:
        valeurs["structure_id"] = lieu_id
    if "tags" in valeurs:
        valeurs["tags"], erreurs_tags = _tags(valeurs["tags"], contexte)
        erreurs |= erreurs_tags
    suivis = valeurs.get(SUIVIS, [])
    if valeurs.get("type") != "collectif" and len(suivis) > 1:
        erreurs[SUIVIS] = UN_SEUL_SUIVI
        valeurs[SUIVIS] = suivis[:1]
    try:
        cra = lire_cra(donnees_cra(valeurs))
    except ValidationError as exc:
        return erreurs_de_ligne(numero, exc.errors | erreurs, colonne_du_champ)
    erreurs = verifier_regles(cra) | erreurs
    if lieu is not None and cra.type_lieu == "lieu_activite" and cra.structure_id is None:
        erreurs["structure_id"] = LIEU_INCONNU
    ids_suivis = list(dict.fromkeys(cra.participants if isinstance(cra, CraCollectif) else _suivi(cra)))
    if any(beneficiaire_id not in contexte.suivis for beneficiaire_id in ids_suivis):
        erreurs[SUIVIS] = INTROUVABLE
    if erreurs:
        return erreurs_de_ligne(numero, erreurs, colonne_du_champ)
    return CraPrepare(
        cra=cra, colonnes=colonnes_cra(cra, contexte.employeur), suivis=ids_suivis, tags=list(dict.fromkeys(cra.tags))
    )


def _tags(noms: list[Any], contexte: ContexteImport) -> tuple[list[str], dict[str, str]]:
    """The ids of the tags named, and :data:`TAG_INCONNU` on ``tags.<rang>`` for each unknown one."""
    ids: list[str] = []
    erreurs: dict[str, str] = {}
    for rang, nom in enumerate(noms):
        if not str(nom).strip():
            continue
        tag_id = contexte.tag(str(nom))
        if tag_id is None:
            erreurs[f"tags.{rang}"] = TAG_INCONNU
        else:
            ids.append(tag_id)
    return ids, erreurs


def _suivi(cra: CraIndividuel) -> list[str]:
    return [cra.beneficiaire.id] if cra.beneficiaire is not None and cra.beneficiaire.id else []

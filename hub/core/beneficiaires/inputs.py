"""What a mediator gives to create or edit a followed bénéficiaire."""

from __future__ import annotations

import msgspec

from hub.core.activites.communes import CodeInsee, CodePostal, NomCommune
from hub.core.beneficiaires.champs import AnneeNaissance, Notes, TelephoneBeneficiaire
from hub.core.beneficiaires.enums import Genre, StatutSocial, TrancheAge
from hub.core.validation.champs import Email, Texte100, Texte300


class BeneficiaireInput(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Every field a mediator edits; a bénéficiaire is written whole from it.

    ``prenom`` and ``nom`` are required (trimmed); ``email`` valid or absent; ``annee_naissance``
    from 1900 to this year; ``telephone`` normalised (see :mod:`hub.core.beneficiaires.champs`);
    the commune of residence is given whole (``commune``, ``commune_code_postal``,
    ``commune_code_insee``) or not at all. ``tranche_age`` counts only without a birth year (the
    band is derived from it). Genre, band and status default to ``non_communique``.
    """

    prenom: Texte100
    nom: Texte100
    telephone: TelephoneBeneficiaire | None = None
    pas_de_telephone: bool = False
    email: Email | None = None
    annee_naissance: AnneeNaissance | None = None
    adresse: Texte300 | None = None
    commune: NomCommune | None = None
    commune_code_postal: CodePostal | None = None
    commune_code_insee: CodeInsee | None = None
    genre: Genre | None = None
    tranche_age: TrancheAge | None = None
    statut_social: StatutSocial | None = None
    notes: Notes | None = None

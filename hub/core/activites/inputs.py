"""What a mediator (a form, the write API, an import) gives to record a CRA.

Field names are those of La Coop's read API (``GET /api/v1/activites``) where they overlap:
``type``, ``date``, ``duree``, ``type_lieu``, ``structure_id``, ``lieu_commune``,
``lieu_code_postal``, ``lieu_code_insee``, ``materiel``, ``thematiques``, ``tags`` (here: ids of
tags the mediator can see), ``precisions_demarche``, ``autonomie``, ``oriente_vers_structure``,
``structure_de_redirection``, ``titre_atelier``, ``niveau_atelier``. ``duree`` is a number of
minutes or ``"personnaliser"`` with ``duree_personnalisee_heures`` / ``_minutes`` (see
:mod:`hub.core.activites.durees`). Fields that a rule requires (``date``, ``duree``,
``type_lieu``…) are optional here so that the rules (:mod:`hub.core.activites.regles`) report
them with La Coop's messages; fields that do not apply (a commune for a lieu d'activité…) are
ignored, not refused.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import msgspec

from hub.core.activites.anonymes import ParticipantsAnonymes
from hub.core.activites.communes import CodeInsee, CodePostal, NomCommune
from hub.core.activites.durees import Duree, Heures, Minutes
from hub.core.activites.enums import Autonomie, Materiel, NiveauAtelier, StructureDeRedirection, TypeLieu
from hub.core.activites.thematiques import Thematique
from hub.core.beneficiaires.enums import Genre, StatutSocial, TrancheAge
from hub.core.errors import ValidationError
from hub.core.validation import parse
from hub.core.validation.champs import Identifiant, Texte200, Texte500, TexteLong

DateCra = Annotated[date, msgspec.Meta(extra={"message": "Veuillez renseigner une date valide"})]
TYPE_REQUIS = "Veuillez renseigner le type d'activité (individuel ou collectif)"


class CraCommun(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The fields of individual and collective CRAs. ``rdv_id``: the RDV the CRA comes from."""

    date: DateCra | None = None
    duree: Duree | None = None
    duree_personnalisee_heures: Heures | None = None
    duree_personnalisee_minutes: Minutes | None = None
    type_lieu: TypeLieu | None = None
    structure_id: Identifiant | None = None
    lieu_commune: NomCommune | None = None
    lieu_code_postal: CodePostal | None = None
    lieu_code_insee: CodeInsee | None = None
    materiel: list[Materiel] = []
    thematiques: list[Thematique] = []
    precisions_demarche: Texte500 | None = None
    tags: list[Identifiant] = []
    notes: TexteLong | None = None
    rdv_id: Identifiant | None = None


class BeneficiaireCra(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The bénéficiaire of an individual CRA: a followed one (``id``, the other fields then
    ignored), or else an anonymous one described by the other fields (a new anonymous
    bénéficiaire is created for the CRA)."""

    id: Identifiant | None = None
    deja_accompagne: bool = False
    commune: NomCommune | None = None
    commune_code_postal: CodePostal | None = None
    commune_code_insee: CodeInsee | None = None
    genre: Genre | None = None
    tranche_age: TrancheAge | None = None
    statut_social: StatutSocial | None = None


class CraIndividuel(CraCommun, kw_only=True, forbid_unknown_fields=True):
    """An individual accompaniment. Without ``beneficiaire``, an anonymous one is recorded.
    ``structure_de_redirection`` is kept only when ``oriente_vers_structure``."""

    type: Literal["individuel"] = "individuel"
    beneficiaire: BeneficiaireCra | None = None
    autonomie: Autonomie | None = None
    oriente_vers_structure: bool | None = None
    structure_de_redirection: StructureDeRedirection | None = None


class CraCollectif(CraCommun, kw_only=True, forbid_unknown_fields=True):
    """A workshop: ``participants`` (ids of followed bénéficiaires) and/or anonymous ones
    (``participants_anonymes``), at least one in all."""

    type: Literal["collectif"] = "collectif"
    participants: list[Identifiant] = []
    participants_anonymes: ParticipantsAnonymes = msgspec.field(default_factory=ParticipantsAnonymes)
    titre_atelier: Texte200 | None = None
    niveau_atelier: NiveauAtelier | None = None


class CraPrefill(msgspec.Struct, kw_only=True, frozen=True):
    """A CRA to record from a plugin's record, as the hook ``hub_cra_prefill`` returns it: what the
    form shows already filled in, the mediator completing the rest.

    ``type``: the form it opens (``individuel`` or ``collectif``); ``libelle``: what the record is,
    said above the form (« Rendez-vous du 14/03/2025 à 10 h 05 · Démarches CAF »); ``rdv_id``:
    stored as the activity's ``rdv_id`` when the CRA is saved (an RDV has one CRA), or ``None``;
    ``date``; ``duree_minutes`` (a proposed duration when it is one, else « personnaliser »);
    ``beneficiaire_id`` (individuel: one of the mediator's followed bénéficiaires);
    ``participants`` (collectif: ids of followed bénéficiaires); ``titre_atelier`` (collectif).
    Ids that are not the mediator's are never shown, and refused on saving, as any input is.
    """

    type: Literal["individuel", "collectif"]
    libelle: str
    rdv_id: Identifiant | None = None
    date: DateCra | None = None
    duree_minutes: int | None = None
    beneficiaire_id: str | None = None
    participants: tuple[str, ...] = ()
    titre_atelier: str | None = None


Cra = CraIndividuel | CraCollectif
TYPES_CRA: dict[str, type[CraIndividuel] | type[CraCollectif]] = {
    "individuel": CraIndividuel,
    "collectif": CraCollectif,
}


def lire_cra(data: Any) -> Cra:
    """A CRA from raw data (a JSON body, a form), typed by its ``type``; every faulty field
    reported at once in a :class:`ValidationError`."""
    type_ = data.get("type") if isinstance(data, dict) else None
    if type_ not in TYPES_CRA:
        raise ValidationError({"type": TYPE_REQUIS})
    return parse(TYPES_CRA[type_], data)

"""Coordination CRAs (§2.4): every rule refused and accepted, and their records."""

from __future__ import annotations

from typing import Any

import pytest

from hub.core.activites.coordination.inputs import CraAnimation, CraPartenariat, lire_cra_coordination
from hub.core.activites.coordination.models import ActiviteCoordination
from hub.core.activites.coordination.regles import verifier_regles_coordination
from hub.core.activites.coordination.service import (
    creer_activite_coordination,
    modifier_activite_coordination,
    saisie_activite_coordination,
    supprimer_activite_coordination,
)
from hub.core.errors import NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.identity.models import Coordinateur
from tests.core.organisation.support import coordinateur_id, mutations, utilisateur

ANIMATION: dict[str, Any] = {
    "type": "animation",
    "date": "2025-04-02",
    "duree": "90",
    "type_animation": "comite",
    "thematiques_animation": ["reseau"],
    "structures": 4,
}
EVENEMENT: dict[str, Any] = {
    "type": "evenement",
    "date": "2025-04-02",
    "participants": 0,
    "type_evenement": "nec_local",
    "organisateurs": ["ma_structure"],
}
PARTENARIAT: dict[str, Any] = {
    "type": "partenariat",
    "date": "2025-04-02",
    "nature_partenariat": ["subvention"],
    "structures_partenaires": [{"nom": "Mairie de Reims", "type": "commune"}],
}

REFUSES: list[tuple[str, dict[str, Any], dict[str, Any], dict[str, str]]] = [
    ("date absente", ANIMATION, {"date": None}, {"date": "Veuillez renseigner une date"}),
    ("date absente (événement)", EVENEMENT, {"date": None}, {"date": "Veuillez renseigner une date"}),
    ("date absente (partenariat)", PARTENARIAT, {"date": None}, {"date": "Veuillez renseigner une date"}),
    (
        "date avant le dispositif",
        PARTENARIAT,
        {"date": "2019-01-01"},
        {"date": "La date ne peut pas être antérieure au 17/11/2020, début du dispositif Conseiller numérique"},
    ),
    ("durée absente", ANIMATION, {"duree": None}, {"duree": "Veuillez renseigner une durée"}),
    (
        "durée personnalisée vide",
        ANIMATION,
        {"duree": "personnaliser"},
        {"duree": "Veuillez renseigner une durée personnalisée"},
    ),
    (
        "type d'animation absent",
        ANIMATION,
        {"type_animation": None},
        {"type_animation": "Veuillez renseigner un type d'animation"},
    ),
    (
        "autre type d'animation sans précision",
        ANIMATION,
        {"type_animation": "autre"},
        {"type_animation_autre": "Veuillez préciser le type d'animation"},
    ),
    (
        "aucune thématique d'animation",
        ANIMATION,
        {"thematiques_animation": []},
        {"thematiques_animation": "Veuillez renseigner au moins une thématique d'animation"},
    ),
    (
        "autre thématique sans précision",
        ANIMATION,
        {"thematiques_animation": ["partage", "autre"]},
        {"thematique_animation_autre": "Veuillez préciser la thématique d'animation"},
    ),
    (
        "personne touchée",
        ANIMATION,
        {"structures": 0, "mediateurs": None, "autres_acteurs": 0},
        {"mediateurs": "Veuillez renseigner au moins un médiateur, une structure ou un autre acteur"},
    ),
    ("initiative inconnue", ANIMATION, {"initiative": "hasard"}, {"initiative": "Valeur non autorisée : « hasard »."}),
    (
        "nombre négatif",
        ANIMATION,
        {"mediateurs": -1},
        {"mediateurs": "Veuillez renseigner un nombre entier positif"},
    ),
    (
        "participants absents",
        EVENEMENT,
        {"participants": None},
        {"participants": "Veuillez renseigner le nombre de participants"},
    ),
    (
        "participants négatifs",
        EVENEMENT,
        {"participants": -3},
        {"participants": "Veuillez renseigner un nombre entier positif"},
    ),
    (
        "type d'événement absent",
        EVENEMENT,
        {"type_evenement": None},
        {"type_evenement": "Veuillez renseigner un type d'événement"},
    ),
    (
        "autre type d'événement sans précision",
        EVENEMENT,
        {"type_evenement": "autre"},
        {"type_evenement_autre": "Veuillez préciser le type d'événement"},
    ),
    (
        "aucun organisateur",
        EVENEMENT,
        {"organisateurs": []},
        {"organisateurs": "Veuillez renseigner au moins un organisateur"},
    ),
    (
        "autre organisateur sans précision",
        EVENEMENT,
        {"organisateurs": ["hub", "autre"]},
        {"organisateur_autre": "Veuillez préciser l'organisateur"},
    ),
    (
        "échelon inconnu",
        EVENEMENT,
        {"echelon_territorial": "europeen"},
        {"echelon_territorial": "Valeur non autorisée : « europeen »."},
    ),
    (
        "aucune nature",
        PARTENARIAT,
        {"nature_partenariat": []},
        {"nature_partenariat": "Veuillez renseigner au moins une nature de partenariat"},
    ),
    (
        "autre nature sans précision",
        PARTENARIAT,
        {"nature_partenariat": ["autre"]},
        {"nature_partenariat_autre": "Veuillez préciser la nature du partenariat"},
    ),
    (
        "aucune structure partenaire",
        PARTENARIAT,
        {"structures_partenaires": []},
        {"structures_partenaires": "Au moins une structure partenaire est requise"},
    ),
    (
        "structure partenaire sans nom ni type",
        PARTENARIAT,
        {"structures_partenaires": [{"nom": "CAF", "type": "etat"}, {}]},
        {
            "structures_partenaires.1.nom": "Veuillez renseigner le nom de la structure partenaire",
            "structures_partenaires.1.type": "Veuillez renseigner le type de la structure partenaire",
        },
    ),
    (
        "type d'un partenaire",
        PARTENARIAT,
        {"structures_partenaires": [{"nom": "CAF", "type": "ma_structure"}]},
        {"structures_partenaires.0.type": "Valeur non autorisée : « ma_structure »."},
    ),
    (
        "autre type de partenaire sans précision",
        PARTENARIAT,
        {"structures_partenaires": [{"nom": "CAF", "type": "autre"}]},
        {"structures_partenaires.0.type_autre": "Veuillez préciser le type de structure"},
    ),
    (
        "type inconnu",
        ANIMATION,
        {"type": "reunion"},
        {"type": "Veuillez renseigner le type d'activité (animation, evenement ou partenariat)"},
    ),
]

ACCEPTES = [
    ("animation", ANIMATION, {}),
    ("animation « autre » précisée", ANIMATION, {"type_animation": "autre", "type_animation_autre": "Apéro"}),
    ("animation avec médiateurs seulement", ANIMATION, {"structures": None, "mediateurs": 2, "initiative": "demande"}),
    ("événement sans participant", EVENEMENT, {}),
    ("événement « autre » précisé", EVENEMENT, {"organisateurs": ["autre"], "organisateur_autre": "Un collectif"}),
    ("partenariat", PARTENARIAT, {"nom": "Convention", "echelon_territorial": "departemental"}),
    (
        "partenaire « autre » précisé",
        PARTENARIAT,
        {"structures_partenaires": [{"nom": "CAF", "type": "autre", "type_autre": "Caisse"}]},
    ),
]


def _cra(base: dict[str, Any], changes: dict[str, Any]) -> Any:
    return lire_cra_coordination({k: v for k, v in (base | changes).items() if v is not None})


@pytest.mark.parametrize(("base", "changes", "errors"), [c[1:] for c in REFUSES], ids=[c[0] for c in REFUSES])
def test_a_coordination_cra_is_refused_field_by_field(
    base: dict[str, Any], changes: dict[str, Any], errors: dict[str, str]
) -> None:
    try:
        found = verifier_regles_coordination(_cra(base, changes))
    except ValidationError as refused:
        found = refused.errors
    assert found == errors


@pytest.mark.parametrize(("base", "changes"), [c[1:] for c in ACCEPTES], ids=[c[0] for c in ACCEPTES])
def test_a_coordination_cra_following_the_rules_is_accepted(base: dict[str, Any], changes: dict[str, Any]) -> None:
    assert verifier_regles_coordination(_cra(base, changes)) == {}


async def test_a_coordinator_records_edits_and_deletes_their_cras_only(hub: Hub) -> None:
    coordo = await coordinateur_id(hub, await utilisateur(hub, "coordo@exemple.fr", "coordinateur"))
    autre = await coordinateur_id(hub, await utilisateur(hub, "autre@exemple.fr", "coordinateur"))
    animation = _cra(ANIMATION, {"type_animation": "comite", "type_animation_autre": "ignoré", "duree": 75})
    async with hub.session() as session, session.begin():
        activite = await creer_activite_coordination(session, coordo, animation, par=None)
    assert (activite.type, activite.duree, activite.type_animation_autre, activite.structures) == (
        "animation",
        75,
        None,
        4,
    )
    async with hub.session() as session:
        saisie = await saisie_activite_coordination(session, coordo, activite.id)
        assert isinstance(saisie, CraAnimation) and (saisie.duree, saisie.duree_personnalisee_minutes) == (
            "personnaliser",
            15,
        )
        coordinateur = await session.get(Coordinateur, coordo)
        assert coordinateur is not None and coordinateur.derniere_creation_activite is not None

    partenariat = _cra(
        PARTENARIAT, {"structures_partenaires": [{"nom": "CAF", "type": "autre", "type_autre": "Caisse"}]}
    )
    async with hub.session() as session, session.begin():
        await modifier_activite_coordination(session, coordo, activite.id, partenariat, par=None)
        for attempt in (
            modifier_activite_coordination(session, autre, activite.id, partenariat, par=None),
            supprimer_activite_coordination(session, autre, activite.id, par=None),
            saisie_activite_coordination(session, autre, activite.id),
        ):
            with pytest.raises(NotFound, match="Activité de coordination introuvable"):
                await attempt
    async with hub.session() as session:
        stockee = await session.get(ActiviteCoordination, activite.id)
        assert stockee is not None
        assert (stockee.type, stockee.duree, stockee.type_animation, stockee.structures) == (
            "partenariat",
            None,
            None,
            None,
        )
        assert stockee.structures_partenaires == [{"nom": "CAF", "type": "autre", "type_autre": "Caisse"}]
        relue = await saisie_activite_coordination(session, coordo, activite.id)
        assert isinstance(relue, CraPartenariat) and relue.structures_partenaires == partenariat.structures_partenaires

    async with hub.session() as session, session.begin():
        await supprimer_activite_coordination(session, coordo, activite.id, par=None)
        with pytest.raises(NotFound):
            await supprimer_activite_coordination(session, coordo, activite.id, par=None)
    assert [nom for nom, _ in await mutations(hub) if "coordination" in nom] == [
        "creer_activite_coordination",
        "modifier_activite_coordination",
        "supprimer_activite_coordination",
    ]

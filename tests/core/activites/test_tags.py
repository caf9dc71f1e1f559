"""Tags in their four scopes: who creates which, who sees which."""

from __future__ import annotations

from typing import Any

import pytest

from hub.core.errors import Forbidden, ValidationError
from hub.core.hub import Hub
from hub.core.identity.principal import Principal
from hub.core.tags.portees import portee_du_tag
from hub.core.tags.service import NOM_PRIS, TagInput, creer_tag
from hub.core.tags.visibilite import lecteur_tags, tags_visibles
from hub.core.teams.models import MediateurCoordonne
from hub.core.validation import parse
from tests.core.activites.support import mediateur_en_poste
from tests.core.organisation.support import coordinateur_id, structure, utilisateur


def _mediateur(qui: Any) -> Principal:
    return Principal(id=qui.user_id, display_name="m", roles=frozenset({"mediateur"}), mediateur_id=qui.id)


@pytest.mark.parametrize(
    ("changes", "champ", "message"),
    [
        ({"nom": "ab"}, "nom", "Le nom d'un tag compte de 3 à 80 caractères."),
        ({"nom": "x" * 81}, "nom", "Le nom d'un tag compte de 3 à 80 caractères."),
        ({"description": "x" * 281}, "description", "La description d'un tag tient en 280 caractères au plus."),
        ({"portee": "mondial"}, "portee", "Valeur non autorisée : « mondial »."),
        ({"departement": "100"}, "departement", "Code de département invalide (exemple : 51, 2A ou 974)."),
    ],
)
def test_a_tag_is_refused_field_by_field(changes: dict[str, Any], champ: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse(TagInput, {"nom": "Permanence CAF", "portee": "personnel"} | changes)
    assert refused.value.errors == {champ: message}


async def test_each_scope_has_its_creators_and_its_readers(hub: Hub) -> None:
    camille = await mediateur_en_poste(hub, "camille@exemple.fr")
    dominique = await mediateur_en_poste(hub, "dominique@exemple.fr")
    coordo_user = await utilisateur(hub, "coordo@exemple.fr", "coordinateur")
    coordo_id = await coordinateur_id(hub, coordo_user)
    coordo = Principal(
        id=coordo_user.id, display_name="c", roles=frozenset({"coordinateur"}), coordinateur_id=coordo_id
    )
    admin_user = await utilisateur(hub, "admin@exemple.fr", "admin")
    admin = Principal(id=admin_user.id, display_name="a", roles=frozenset({"admin"}))
    async with hub.session() as session, session.begin():
        session.add(MediateurCoordonne(mediateur_id=camille.id, coordinateur_id=coordo_id))
        personnel = await creer_tag(session, _mediateur(camille), TagInput(nom="Mes ateliers", portee="personnel"))
        autre = await creer_tag(session, _mediateur(dominique), TagInput(nom="Ses ateliers", portee="personnel"))
        equipe = await creer_tag(session, coordo, TagInput(nom="Équipe Marne", portee="equipe"))
        marne = await creer_tag(session, admin, TagInput(nom="Marne", portee="departemental", departement="51"))
        nord = await creer_tag(session, admin, TagInput(nom="Nord", portee="departemental", departement="59"))
        national = await creer_tag(session, admin, TagInput(nom="France Services", portee="national"))
        refus = [
            (_mediateur(camille), TagInput(nom="Équipe", portee="equipe")),
            (_mediateur(camille), TagInput(nom="Marne", portee="departemental", departement="51")),
            (coordo, TagInput(nom="National", portee="national")),
            (admin, TagInput(nom="Perso", portee="personnel")),
        ]
        for principal, data in refus:
            with pytest.raises(Forbidden):
                await creer_tag(session, principal, data)
        with pytest.raises(ValidationError) as pris:
            await creer_tag(session, _mediateur(camille), TagInput(nom="MES ATELIERS", portee="personnel"))
        with pytest.raises(ValidationError) as sans_departement:
            await creer_tag(session, admin, TagInput(nom="Quelque part", portee="departemental"))

    assert pris.value.errors == {"nom": NOM_PRIS}
    assert sans_departement.value.errors == {"departement": "Choisissez le département du tag."}
    assert [portee_du_tag(t) for t in (personnel, equipe, marne, national)] == [
        "personnel",
        "equipe",
        "departemental",
        "national",
    ]
    async with hub.session() as session:
        vus_par_camille = {t.id for t in await tags_visibles(session, await lecteur_tags(session, camille.user_id))}
        vus_par_coordo = {t.id for t in await tags_visibles(session, await lecteur_tags(session, coordo_user.id))}
    assert vus_par_camille == {personnel.id, equipe.id, marne.id, national.id}
    assert autre.id not in vus_par_camille and nord.id not in vus_par_camille
    assert vus_par_coordo == {equipe.id, national.id}


async def test_a_departement_is_read_from_the_employer_and_the_lieux(hub: Hub) -> None:
    corse = await structure(
        hub, nom="Médiathèque d'Ajaccio", commune="Ajaccio", code_postal="20000", code_insee="2A004"
    )
    reunion = await structure(hub, nom="EPN de Saint-Denis", commune="Saint-Denis", code_postal="97400")
    user = await utilisateur(hub, "alix@exemple.fr", "mediateur", employeur=reunion, lieux=[corse])
    async with hub.session() as session:
        lecteur = await lecteur_tags(session, user.id)
    assert lecteur.departements == {"2A", "974"}

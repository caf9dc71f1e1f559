"""Possible duplicates: at least two of nom, prénom, téléphone and e-mail, accents and case aside."""

from __future__ import annotations

from hub.core.beneficiaires.doublons import Identite, doublons_de, paires_doublons
from hub.core.hub import Hub
from tests.core.activites.support import beneficiaire, mediateur_en_poste


async def test_duplicates_match_two_fields_regardless_of_accents_case_and_separators(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    autre = await mediateur_en_poste(hub, "dominique@exemple.fr")
    helene = await beneficiaire(hub, qui, "Hélène", "Le Gall", telephone="06 12 34 56 78")
    homonyme = await beneficiaire(hub, qui, "HELENE", "LEGALL")
    meme_tel = await beneficiaire(hub, qui, "Jean-Pierre", "Martin", telephone="+33612345678", email="jp@exemple.fr")
    await beneficiaire(hub, qui, "Hélène", "Martin")  # one field only with each
    await beneficiaire(hub, autre, "Hélène", "Le Gall")  # someone else's

    async with hub.session() as session:
        pour_helene = await doublons_de(
            session, qui.id, Identite(prenom="helene", nom="le-gall", telephone="0612345678"), sauf=helene
        )
        pour_jp = await doublons_de(session, qui.id, Identite(prenom="Jean Pierre", email="JP@exemple.fr"))
        personne = await doublons_de(session, qui.id, Identite(nom="Le Gall"))
        paires = await paires_doublons(session, qui.id)

    assert [(d.id, d.champs) for d in pour_helene] == [(homonyme, ("nom", "prenom"))]
    assert [(d.id, d.champs) for d in pour_jp] == [(meme_tel, ("prenom", "email"))]
    assert personne == []
    assert {(p.premier.id, p.second.id, p.champs) for p in paires} == {(helene, homonyme, ("nom", "prenom"))}

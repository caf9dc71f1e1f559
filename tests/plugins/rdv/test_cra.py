"""RDV → CRA: « Faire le CRA » opens the core's form pre-filled from the RDV (hook
``hub_cra_prefill``), its usagers matched to bénéficiaires or created; saving links the RDV."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from markupsafe import escape

from hub.core.activites.dates import jour_de
from hub.core.activites.models import Activite
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.db.base import utcnow
from hub.core.web.activites.preremplissage import REFUSEE
from plugins.rdv.models import Rdv, Usager
from tests.core.activites.support import beneficiaire
from tests.plugins.rdv.soutien import AGENT, HIER, mediateur, mirror, participation, relire

def refus(page: Any) -> bool:
    return page.status_code == 400 and f'<li><a href="#source">{escape(REFUSEE)}</a></li>' in page.text


async def test_a_seen_rdv_opens_the_cra_form_prefilled_and_saving_links_it(hub_with, client_of) -> None:
    m = await mediateur(hub_with, client_of)
    await mirror(m.hub, f"{AGENT}-1", motif="Créer son adresse e-mail", participations=[
        participation(1, email="ines.durand@exemple.fr", telephone="06 12 34 56 78", naissance="1900-01-01"),
    ])
    lien = f"/mes-activites/cra/individuel?source=rdv:{AGENT}-1"

    liste = await m.get("/rdv")
    form = await m.get(lien)

    assert f'href="{lien}">Faire le CRA' in liste.text
    assert form.status_code == 200
    assert "Prérempli depuis : rendez-vous RDV Service Public du" in form.text and "Créer son adresse e-mail" in form.text
    assert f'value="{jour_de(HIER).isoformat()}" id="date"' in form.text
    assert 'id="duree-45" name="duree" value="45" checked' in form.text
    (cree,) = await relire(m.hub, Beneficiaire, Beneficiaire.mediateur_id == m.qui.id)
    assert (cree.prenom, cree.nom, cree.email, cree.telephone) == ("Inès", "Durand", "ines.durand@exemple.fr", "+33612345678")
    assert cree.annee_naissance is None  # 1900-01-01 is RDV-SP's « unknown »
    assert f'name="beneficiaire.id" value="{cree.id}" checked' in form.text
    (usager,) = await relire(m.hub, Usager)
    assert (usager.usager_id, usager.beneficiaire_id) == (901, cree.id)

    saved = await m.post("/mes-activites/cra/individuel", m.cra(
        date=jour_de(HIER).isoformat(), duree="45", source=f"rdv:{AGENT}-1", **{"beneficiaire.id": cree.id}))

    assert saved.url.path == "/mes-activites"
    (activite,) = await relire(m.hub, Activite)
    assert (activite.rdv_id, activite.duree, activite.accompagnements_count) == (f"{AGENT}-1", 45, 1)
    after = await m.get("/rdv")
    assert "Aucun compte rendu d'activité à faire." in after.text
    assert refus(await m.get(lien))  # recorded: not to do any more


async def test_a_collective_rdv_opens_a_workshop_with_its_participants_present_and_its_title(
    hub_with, client_of
) -> None:
    m = await mediateur(hub_with, client_of)
    await mirror(m.hub, f"{AGENT}-2", collectif=True, titre="Atelier smartphone", motif="Atelier", duree_minutes=100,
                 participations=[participation(1, prenom="Inès"), participation(2, prenom="Léo", nom="Petit"),
                                 participation(3, "noshow", prenom="Absent", nom="Absent")])

    form = await m.get(f"/mes-activites/cra/individuel?source=rdv:{AGENT}-2")  # the link's kind is the RDV's

    assert form.url.path == "/mes-activites/cra/collectif"
    assert 'value="Atelier smartphone" id="titre_atelier"' in form.text
    assert 'id="duree-personnaliser" name="duree" value="personnaliser" checked' in form.text
    assert 'value="1" id="duree_personnalisee_heures"' in form.text and 'value="40" id="duree_personnalisee_minutes"' in form.text
    presents = await relire(m.hub, Beneficiaire, Beneficiaire.mediateur_id == m.qui.id)
    assert sorted(b.prenom for b in presents) == ["Inès", "Léo"]
    for present in presents:
        assert f'name="participants" value="{present.id}" checked' in form.text

    saved = await m.post("/mes-activites/cra/collectif", m.cra(
        date=jour_de(HIER).isoformat(), duree="personnaliser", duree_personnalisee_heures="1",
        duree_personnalisee_minutes="40", titre_atelier="Atelier smartphone", source=f"rdv:{AGENT}-2",
        participants=[b.id for b in presents]))

    assert saved.url.path == "/mes-activites"
    (activite,) = await relire(m.hub, Activite)
    assert (activite.rdv_id, activite.type, activite.duree, activite.accompagnements_count) == (f"{AGENT}-2", "collectif", 100, 2)


async def test_matching_finds_the_followed_beneficiaire_or_creates_one_and_keeps_the_link(hub_with, client_of) -> None:
    m = await mediateur(hub_with, client_of)
    connue = await beneficiaire(m.hub, m.qui, "Ines", "DURAND", email="Ines.Durand@exemple.fr")
    await beneficiaire(m.hub, m.qui, "Léo", "Petit", annee_naissance=1990)  # same name, another person
    await beneficiaire(m.hub, m.qui, "Léo", "Petit")  # same name, nothing to tell them apart
    await mirror(m.hub, f"{AGENT}-3", participations=[participation(1, email="ines.durand@exemple.fr")])
    await mirror(m.hub, f"{AGENT}-4", participations=[participation(2, prenom="Léo", nom="Petit", naissance="1985-05-02")])
    await mirror(m.hub, f"{AGENT}-5", participations=[participation(1, email="ines.durand@exemple.fr")],
                 debut=HIER - timedelta(days=7))

    trouvee = await m.get(f"/mes-activites/cra/individuel?source=rdv:{AGENT}-3")
    creee = await m.get(f"/mes-activites/cra/individuel?source=rdv:{AGENT}-4")
    await m.get(f"/mes-activites/cra/individuel?source=rdv:{AGENT}-4")  # asked again: the link is kept
    meme_usager = await m.get(f"/mes-activites/cra/individuel?source=rdv:{AGENT}-5")

    assert f'name="beneficiaire.id" value="{connue}" checked' in trouvee.text
    assert f'name="beneficiaire.id" value="{connue}" checked' in meme_usager.text
    leos = await relire(m.hub, Beneficiaire, Beneficiaire.prenom == "Léo")
    assert len(leos) == 3
    (nouveau,) = [b for b in leos if b.annee_naissance == 1985]
    assert f'name="beneficiaire.id" value="{nouveau.id}" checked' in creee.text
    liens = {u.usager_id: u.beneficiaire_id for u in await relire(m.hub, Usager)}
    assert liens == {901: connue, 902: nouveau.id}


async def test_another_mediators_upcoming_or_cancelled_rdv_is_refused(hub_with, client_of) -> None:
    m = await mediateur(hub_with, client_of)
    autre = await mediateur(hub_with, client_of, "dominique@exemple.fr", agent_id=600, hub=m.hub)
    await mirror(m.hub, "600-7", agent_id=600, participations=[participation(1)])
    await mirror(m.hub, f"{AGENT}-8", statut="unknown", debut=utcnow() + timedelta(days=1))
    await mirror(m.hub, f"{AGENT}-9", statut="revoked")

    sources = ("600-7", f"{AGENT}-8", f"{AGENT}-9", f"{AGENT}-404")
    pages = [await m.get(f"/mes-activites/cra/individuel?source=rdv:{cle}") for cle in sources]
    posted = await m.post("/mes-activites/cra/individuel", m.cra(
        date=jour_de(HIER).isoformat(), duree="45", source="rdv:600-7"))

    assert all(refus(page) and 'name="source"' not in page.text for page in pages)
    assert refus(posted)
    assert await relire(m.hub, Activite) == []
    assert await relire(m.hub, Beneficiaire) == []  # nobody matched nor created for a refused source
    assert 'name="source" value="rdv:600-7"' in (await autre.get("/mes-activites/cra/individuel?source=rdv:600-7")).text


async def test_the_cra_link_is_only_offered_for_rdvs_whose_cra_is_to_do(hub_with, client_of) -> None:
    m = await mediateur(hub_with, client_of)
    await mirror(m.hub, f"{AGENT}-10", statut="unknown", debut=utcnow() + timedelta(hours=3), motif="Plus tard")

    page = await m.get("/rdv")

    assert "Faire le CRA" not in page.text and "Plus tard" in page.text
    async with m.hub.session() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Usager)) == 0

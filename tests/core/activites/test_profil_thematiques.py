"""The thematique profile of a mediator: their CRAs of the last 90 days, each counted once."""

from datetime import date

from hub.core.activites.profil_thematiques import profil_thematiques
from hub.core.activites.service import creer_activite, supprimer_activite
from tests.core.activites.support import COLLECTIF, INDIVIDUEL, cra, mediateur_en_poste

AUJOURD_HUI = date(2025, 6, 30)


async def test_profile_counts_each_cra_once_within_ninety_days(hub) -> None:
    qui = await mediateur_en_poste(hub, "profil@exemple.fr")
    async with hub.session() as session, session.begin():
        for jour, thematiques in [
            ("2025-06-30", ["sante", "email"]),
            ("2025-05-01", ["sante"]),
            ("2025-04-02", ["sante", "banque_et_achats_en_ligne"]),  # first day of the window
            ("2025-04-01", ["bureautique"]),  # one day too old
        ]:
            await creer_activite(session, qui.id, cra(INDIVIDUEL, date=jour, thematiques=thematiques), par=None)
        # A workshop of 12 counts once, like any CRA.
        await creer_activite(
            session, qui.id,
            cra(COLLECTIF, date="2025-06-01", thematiques=["email"], participants_anonymes={"total": 12}),
            par=None,
        )
        supprimee = await creer_activite(session, qui.id, cra(INDIVIDUEL, date="2025-06-02", thematiques=["parentalite"]), par=None)
        await supprimer_activite(session, qui.id, supprimee.id, par=None)

    async with hub.session() as session:
        profil = await profil_thematiques(session, qui.id, aujourd_hui=AUJOURD_HUI)

    assert profil.depuis == date(2025, 4, 2)
    assert profil.activites == 4
    assert profil.comptes == {"sante": 3, "email": 2, "banque_et_achats_en_ligne": 1}
    assert profil.principales(2) == ["sante", "email"]
    assert profil.poids("sante") == 0.75 and profil.poids("bureautique") == 0.0
    assert profil.explication(["sante", "bureautique", "email"]) == (
        "« Santé » (3 de vos 4 CRA des 90 derniers jours) et « E-mail » (2 de vos 4 CRA des 90 derniers jours)"
    )


async def test_no_mediator_side_or_no_cra_is_an_empty_profile(hub) -> None:
    qui = await mediateur_en_poste(hub, "vide@exemple.fr")
    async with hub.session() as session:
        sans_cra = await profil_thematiques(session, qui.id, aujourd_hui=AUJOURD_HUI)
        sans_mediateur = await profil_thematiques(session, None, aujourd_hui=AUJOURD_HUI)
    assert sans_cra.vide and sans_mediateur.vide
    assert sans_cra.principales() == [] and sans_cra.poids("sante") == 0.0
    assert sans_cra.explication(["sante"]) == ""

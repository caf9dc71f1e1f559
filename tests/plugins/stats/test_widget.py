"""Dashboard widget: this month's accompagnements and bénéficiaires beside last month's."""

from __future__ import annotations

import msgspec
import pytest

import plugins.stats.moteur

from hub.core.activites.dates import aujourd_hui
from hub.core.activites.portee import PorteeEquipe, PorteeMediateur
from plugins.stats.period import month_of, previous_month_of
from tests.plugins.stats.support import MoteurEnregistre, lignes_tableau, statistiques_exemple


async def test_widget_compares_this_month_with_last_month(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre, monkeypatch: pytest.MonkeyPatch
) -> None:
    exemple = statistiques_exemple()
    resultats = iter(
        [
            exemple,
            msgspec.structs.replace(
                exemple,
                accompagnements=msgspec.structs.replace(exemple.accompagnements, total=1220),
                beneficiaires=msgspec.structs.replace(exemple.beneficiaires, total=0),
            ),
        ]
    )

    async def moteur(session, portee, filtres, **options):
        moteur_enregistre.appels.append((portee, filtres, options))
        return next(resultats)

    monkeypatch.setattr(plugins.stats.moteur, "statistiques", moteur)
    client = await client_of(await hub_with("stats"))

    tableau = await client.get("/widgets/stats.ce_mois", headers={"HX-Request": "true"})

    assert tableau.status_code == 200
    lignes = lignes_tableau(tableau.text)
    assert lignes[0] == ["Accompagnements", "1 342", "1 220", "+10 %"]
    assert lignes[1] == ["Bénéficiaires accompagnés", "911", "0", "— rien à comparer le mois précédent"]
    today = aujourd_hui()
    (p1, ce_mois, options), (_, precedent, _) = moteur_enregistre.appels
    assert isinstance(p1, PorteeMediateur) and options == {"aujourd_hui": today}
    assert (ce_mois.du, ce_mois.au) == month_of(today) and (precedent.du, precedent.au) == previous_month_of(today)
    du, au = month_of(today)
    assert f'href="/stats?du={du:%Y-%m-%d}&amp;au={au:%Y-%m-%d}"' in tableau.text


async def test_widget_of_a_coordinator_reads_their_team_and_shows_on_the_dashboard(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    client = await client_of(await hub_with("stats"), login=("coordinateur",))

    tableau = await client.get("/widgets/stats.ce_mois", headers={"HX-Request": "true"})
    dashboard = await client.get("/")

    assert 'hx-get="/widgets/stats.ce_mois"' in dashboard.text
    assert isinstance(moteur_enregistre.appels[0][0], PorteeEquipe)
    assert 'href="/stats/equipe?' in tableau.text

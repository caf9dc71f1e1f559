"""Dashboard widget: this month's accompagnements and bénéficiaires beside last month's.

A mediator sees their own; a coordinator who is not a mediator, their team's. The link opens
the statistics page on this month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hub import WidgetContext
from hub.core.activites.dates import aujourd_hui
from hub.core.activites.filtres import FiltresActivites
from hub.core.stats.resultats import Statistiques
from hub.core.web.activites.filtres_liste import adresse_filtree
from plugins.stats.format import evolution_fr
from plugins.stats import moteur
from plugins.stats.period import month_of, previous_month_of
from plugins.stats.portees import EQUIPE, MEDIATEUR, portee_de

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


@dataclass(frozen=True, slots=True)
class Comparaison:
    libelle: str
    ce_mois: int
    mois_precedent: int

    @property
    def evolution(self) -> str | None:
        return evolution_fr(self.mois_precedent, self.ce_mois)


def nom_du_mois(jour: date) -> str:
    return f"{MOIS[jour.month - 1]} {jour.year}"


async def ce_mois(ctx: WidgetContext) -> str:
    principal = ctx.principal
    vue = MEDIATEUR if principal.mediateur_id else EQUIPE
    portee = await portee_de(ctx.session, principal, vue)
    jour = aujourd_hui()
    periodes = [month_of(jour), previous_month_of(jour)]
    actuel, precedent = [
        await _du_mois(ctx, portee, FiltresActivites(du=du, au=au), jour) for du, au in periodes
    ]
    lignes = [
        Comparaison("Accompagnements", actuel.accompagnements.total, precedent.accompagnements.total),
        Comparaison("Bénéficiaires accompagnés", actuel.beneficiaires.total, precedent.beneficiaires.total),
    ]
    du, au = periodes[0]
    return ctx.render_template(
        "stats/widget_mois.html",
        lignes=lignes,
        ce_mois=nom_du_mois(jour),
        mois_precedent=nom_du_mois(periodes[1][0]),
        lien=adresse_filtree(vue.adresse, FiltresActivites(du=du, au=au)),
    )


async def _du_mois(ctx: WidgetContext, portee, filtres: FiltresActivites, jour: date) -> Statistiques:
    return await moteur.statistiques(ctx.session, portee, filtres, aujourd_hui=jour)

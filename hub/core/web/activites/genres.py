"""The five kinds of CRA a person records, each with its form at ``/mes-activites/cra/<slug>``:
individuel and collectif (mediators), animation, événement and partenariat (coordinators)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from litestar.datastructures import FormMultiDict

from hub.core.web.activites import champs_coordination, champs_cra
from hub.core.web.activites.coordination import COORDINATION
from hub.core.web.activites.famille import Famille
from hub.core.web.activites.mediation import MEDIATION

ADRESSE = "/mes-activites/cra"


@dataclass(frozen=True, slots=True)
class GenreCra:
    """A kind of CRA: its ``slug`` (the ``type`` of its input), its name (``un``: with its
    article), what it is for, its family and the reading of its posted form into raw data (type
    included)."""

    slug: str
    nom: str
    un: str
    description: str
    famille: Famille
    lire: Callable[[FormMultiDict], dict[str, Any]]

    @property
    def adresse(self) -> str:
        return f"{ADRESSE}/{self.slug}"

    @property
    def template(self) -> str:
        return f"activites/cra_{self.slug}.html"


GENRES = (
    GenreCra(
        "individuel",
        "Accompagnement individuel",
        "un accompagnement individuel",
        "Une personne accompagnée, suivie ou anonyme.",
        MEDIATION,
        champs_cra.lire_individuel,
    ),
    GenreCra(
        "collectif",
        "Atelier collectif",
        "un atelier collectif",
        "Un atelier et ses participants, suivis ou anonymes.",
        MEDIATION,
        champs_cra.lire_collectif,
    ),
    GenreCra(
        "animation",
        "Animation",
        "une animation",
        "Une réunion, un comité, un webinaire… animé auprès des acteurs du territoire.",
        COORDINATION,
        champs_coordination.lire_animation,
    ),
    GenreCra(
        "evenement",
        "Évènement",
        "un évènement",
        "Un évènement grand public, national ou local auquel vous avez participé.",
        COORDINATION,
        champs_coordination.lire_evenement,
    ),
    GenreCra(
        "partenariat",
        "Partenariat",
        "un partenariat",
        "Un partenariat noué avec des structures du territoire.",
        COORDINATION,
        champs_coordination.lire_partenariat,
    ),
)

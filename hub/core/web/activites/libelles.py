"""The French labels the activity pages show, for their templates (``libelles.thematiques[...]``)."""

from __future__ import annotations

from types import SimpleNamespace

from hub.core.activites.coordination.enums import (
    TYPES_ACTIVITE_COORDINATION,
    TYPES_ANIMATION,
    TYPES_EVENEMENT,
)
from hub.core.activites.durees import libelle_duree
from hub.core.activites.enums import TYPES_ACTIVITE, TYPES_LIEU
from hub.core.activites.thematiques import LABELS

LIBELLES = SimpleNamespace(
    types={**TYPES_ACTIVITE, **TYPES_ACTIVITE_COORDINATION},
    lieux=TYPES_LIEU,
    thematiques=LABELS,
    types_animation=TYPES_ANIMATION,
    types_evenement=TYPES_EVENEMENT,
    duree=libelle_duree,
)

"""The four scopes of a tag, derived from its owner fields."""

from __future__ import annotations

from typing import Literal, get_args

from hub.core.tags.models import Tag

PorteeTag = Literal["personnel", "equipe", "departemental", "national"]
PORTEES_TAG: dict[str, str] = {
    "personnel": "Personnel",
    "equipe": "D'équipe",
    "departemental": "Départemental",
    "national": "National",
}
assert list(get_args(PorteeTag)) == list(PORTEES_TAG)


def portee_du_tag(tag: Tag) -> PorteeTag:
    """``equipe``: a coordinator's tag shared with their team; ``personnel``: a mediator's own
    (or a coordinator's, not shared); ``departemental``: no owner but a département;
    ``national``: no owner at all."""
    if tag.coordinateur_id is not None and tag.equipe:
        return "equipe"
    if tag.mediateur_id is not None or tag.coordinateur_id is not None:
        return "personnel"
    return "departemental" if tag.departement is not None else "national"

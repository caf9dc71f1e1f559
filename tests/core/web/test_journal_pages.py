"""The administration's journal of changes: admins and support only, filtered and paginated."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from organisation_helpers import Site, errors, menu_links

from hub.core.audit.journal import record_mutation
from hub.core.audit.models import Mutation


def actions(page) -> list[str]:
    return re.findall(r"<td><code>([^<]*)</code></td>", page.text)


def caption(page) -> str:
    return html.unescape(re.search(r"<caption>([^<]*)</caption>", page.text).group(1))


async def record(site: Site, nom: str, *, user_id: str | None = None, at: datetime | None = None) -> None:
    async with site.hub.session() as db, db.begin():
        mutation = await record_mutation(db, user_id=user_id, nom=nom, donnees={"lieu": "Médiathèque"})
        if at is not None:
            await db.execute(sa.update(Mutation).where(Mutation.id == mutation.id).values(creation=at))


@pytest.mark.parametrize("role", ["admin", "support"])
async def test_admins_and_support_read_the_journal_and_see_only_the_administration(site: Site, role: str) -> None:
    admin = await site.sign_in_as(role, prenom="Ada", nom="Admin")
    await record(site, "creer_structure", user_id=admin.id)
    await record(site, "mise_a_jour_structures_cartographie_nationale")

    page = await site.get("/administration/journal")

    assert page.status_code == 200 and page.text.count("<h1") == 1
    assert caption(page) == "Modifications : 2 au total, page 1 sur 1"
    assert actions(page) == ["mise_a_jour_structures_cartographie_nationale", "creer_structure"]
    assert "Système" in page.text and "Ada Admin" in page.text
    assert "&#34;lieu&#34;: &#34;Médiathèque&#34;" in page.text  # the data, readable (accents kept)
    console = ["/admin/connecteurs"] if role == "admin" else []
    assert menu_links(page) == ["/", "/administration/journal", *console]  # no mediation feature


@pytest.mark.parametrize("roles", [("mediateur",), ("coordinateur",), ("mediateur", "coordinateur")])
async def test_mediators_and_coordinators_cannot_read_it(site: Site, roles: tuple[str, ...]) -> None:
    await site.sign_in_as(*roles)

    page = await site.get("/administration/journal")

    assert page.status_code == 403
    assert "/administration/journal" not in menu_links(page)


async def test_the_journal_is_filtered_by_person_action_and_period(site: Site) -> None:
    admin = await site.sign_in_as("admin", email="ada@exemple.fr")
    await record(
        site, "creer_structure", user_id=admin.id, at=datetime(2025, 3, 1, 23, 30, tzinfo=UTC)
    )  # 2 March in Paris
    await record(site, "creer_structure", at=datetime(2025, 3, 3, 12, tzinfo=UTC))
    await record(site, "quitter_equipe", user_id=admin.id, at=datetime(2025, 3, 2, 12, tzinfo=UTC))

    by_person = await site.get("/administration/journal", params={"personne": "ADA@exemple.fr"})
    by_action = await site.get("/administration/journal", params={"action": "creer_structure"})
    by_period = await site.get("/administration/journal", params={"du": "2025-03-02", "au": "2025-03-02"})

    assert actions(by_person) == ["quitter_equipe", "creer_structure"]
    assert actions(by_action) == ["creer_structure", "creer_structure"]
    assert '<option value="creer_structure" selected>' in by_action.text
    assert actions(by_period) == ["quitter_equipe", "creer_structure"]
    assert "02/03/2025 à 13:00" in by_period.text and "02/03/2025 à 00:30" in by_period.text  # Paris time


async def test_refused_filters_are_shown_next_to_their_field(site: Site) -> None:
    await site.sign_in_as("admin")

    bad = await site.get("/administration/journal", params={"personne": "ada", "du": "2025-13-01"})
    unknown = await site.get(
        "/administration/journal", params={"personne": "personne@exemple.fr", "du": "2025-03-02", "au": "2025-03-01"}
    )
    inverted = await site.get("/administration/journal", params={"du": "2025-03-02", "au": "2025-03-01"})

    assert bad.status_code == 400
    assert errors(bad) == {
        "personne": "Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).",
        "du": "Date invalide (attendu : AAAA-MM-JJ).",
    }
    assert 'value="ada"' in bad.text and "<table" not in bad.text
    assert errors(unknown) == {"personne": "Aucune personne n'a cette adresse e-mail."}
    assert errors(inverted) == {"au": "La fin de la période précède son début."}


async def test_the_journal_is_paginated_fifty_a_page_keeping_the_filters(site: Site) -> None:
    await site.sign_in_as("support")
    async with site.hub.session() as db, db.begin():
        for _ in range(120):
            await record_mutation(db, user_id=None, nom="creer_structure", donnees={})

    first = await site.get("/administration/journal", params={"action": "creer_structure"})
    last = await site.get("/administration/journal", params={"action": "creer_structure", "page": "3"})
    beyond = await site.get("/administration/journal", params={"page": "9"})
    refused = await site.get("/administration/journal", params={"page": "zéro"})

    assert len(actions(first)) == 50 and caption(first) == "Modifications : 120 au total, page 1 sur 3"
    assert 'href="/administration/journal?action=creer_structure&amp;page=2"' in first.text
    assert '<a class="fr-pagination__link" aria-current="page" title="Page 1">1</a>' in first.text
    assert 'fr-pagination__link--prev fr-pagination__link--lg-label" aria-disabled="true"' in first.text
    assert (
        len(actions(last)) == 20
        and 'fr-pagination__link--next fr-pagination__link--lg-label" aria-disabled' in last.text
    )
    assert "Aucune modification ne correspond à ces filtres." in beyond.text
    assert refused.status_code == 400 and "Numéro de page invalide." in refused.text

"""Every form of the CRA pages (activities, bénéficiaires) needs its CSRF token: without it, 403
and nothing written."""

from __future__ import annotations

import pytest
from cra_helpers import COLLECTIF, INDIVIDUEL, UNKNOWN
from organisation_helpers import Site

from hub.core.audit.models import Mutation
from tests.core.organisation.support import count

FORMS = [
    ("/mes-activites/cra/individuel", INDIVIDUEL),
    ("/mes-activites/cra/collectif", COLLECTIF),
    ("/mes-activites/cra/animation", {"date": "2025-04-02"}),
    (f"/mes-activites/cra/individuel/{UNKNOWN}", INDIVIDUEL),
    (f"/mes-activites/cra/evenement/{UNKNOWN}/supprimer", {}),
    ("/mes-beneficiaires/creer", {"prenom": "Camille", "nom": "Martin"}),
    (f"/mes-beneficiaires/{UNKNOWN}/modifier", {"prenom": "Camille", "nom": "Martin"}),
    (f"/mes-beneficiaires/{UNKNOWN}/supprimer", {}),
    (f"/mes-beneficiaires/fusion/{UNKNOWN}/{UNKNOWN}/confirmer", {"cible": UNKNOWN}),
]


@pytest.mark.parametrize(("url", "data"), FORMS)
async def test_a_form_without_its_csrf_token_is_refused(site: Site, url: str, data: dict[str, str]) -> None:
    await site.sign_in_as("mediateur", "coordinateur")
    before = await count(site.hub, Mutation)

    response = await site.client.post(url, data=data)

    assert response.status_code == 403 and "jeton de sécurité absent ou périmé" in response.text
    assert await count(site.hub, Mutation) == before

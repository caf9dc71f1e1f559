"""Every form of the organisation pages needs its CSRF token: without it, 403 and nothing written."""

from __future__ import annotations

import pytest
from organisation_helpers import Site

from hub.core.audit.models import Mutation
from tests.core.organisation.support import count

UNKNOWN = "3f2b9c1a-0000-4000-8000-000000000000"
FORMS = [
    ("/inscription/choisir-role", {"profil": "mediateur"}),
    ("/inscription/recapitulatif", {"cgu_acceptees": "true"}),
    ("/mes-lieux/ajouter", {"structure.nom": "Lieu", "structure.adresse": "1 rue", "structure.code_postal": "51100",
                            "structure.commune": "Reims"}),
    ("/mon-equipe/inviter", {"emails": "camille@exemple.fr"}),
    (f"/invitations/{UNKNOWN}/accepter", {}),
    (f"/mes-equipes/{UNKNOWN}/quitter", {}),
]


@pytest.mark.parametrize(("url", "data"), FORMS)
async def test_a_form_without_its_csrf_token_is_refused(site: Site, url: str, data: dict[str, str]) -> None:
    signing_up = url.startswith("/inscription")  # someone without a role yet
    await site.sign_in_as(*(() if signing_up else ("mediateur", "coordinateur")))

    response = await site.client.post(url, data=data)

    assert response.status_code == 403 and "jeton de sécurité absent ou périmé" in response.text
    assert await count(site.hub, Mutation) == 0

"""A service's refusal becomes its status with its French message: 400 (with each field's message
under ``/api``), 403, 404 or 409 — never a 500 — and what the request began is rolled back."""

from __future__ import annotations

import pytest
from litestar import get, post
from litestar.params import FromPath
from organisation_helpers import Site, csrf_of
from web_helpers import ExamplePlugin

from hub.core.errors import Conflict, Forbidden, NotFound, ValidationError
from hub.core.teams.models import InvitationEquipe
from tests.core.organisation.support import count, utilisateur

REFUSALS = {
    "invalide": ValidationError({"code_postal": "Le code postal compte 5 chiffres (exemple : 51100)."}),
    "interdit": Forbidden("Seuls les coordinateurs invitent des médiateurs dans leur équipe."),
    "introuvable": NotFound("Lieu d'activité introuvable."),
    "conflit": Conflict("Cette invitation a déjà reçu une réponse."),
}


@get("/refus/{kind:str}", opt={"permission": "exemple.voir"})
async def refusal(kind: FromPath[str]) -> str:
    raise REFUSALS[kind]


@post("/refus/{kind:str}", opt={"permission": "exemple.voir"})
async def refusal_api(kind: FromPath[str]) -> str:
    raise REFUSALS[kind]


@pytest.mark.parametrize(
    ("kind", "status", "title"),
    [
        ("invalide", 400, "Demande invalide"),
        ("interdit", 403, "Accès refusé"),
        ("introuvable", 404, "Page introuvable"),
        ("conflit", 409, "Action impossible"),
    ],
)
async def test_a_refusal_on_a_page_is_a_french_error_page(client_for, kind: str, status: int, title: str) -> None:
    client = await client_for(ExamplePlugin(pages=[refusal]))

    page = await client.get(f"/exemple/refus/{kind}")

    assert page.status_code == status
    assert f"<h1>{title}</h1>" in page.text and f"Erreur {status}" in page.text
    assert str(REFUSALS[kind]).replace("'", "&#39;") in page.text


async def test_a_refusal_under_the_api_is_french_json_with_each_faulty_field(client_for) -> None:
    client = await client_for(ExamplePlugin(api=[refusal_api]))
    csrf = {"X-CSRF-Token": csrf_of(await client.get("/accessibilite"))}

    invalid = await client.post("/api/v1/exemple/refus/invalide", headers=csrf)
    conflict = await client.post("/api/v1/exemple/refus/conflit", headers=csrf)

    assert invalid.status_code == 400
    assert invalid.json() == {
        "status_code": 400,
        "detail": "code_postal : Le code postal compte 5 chiffres (exemple : 51100).",
        "extra": {"code_postal": "Le code postal compte 5 chiffres (exemple : 51100)."},
    }
    assert conflict.status_code == 409
    assert conflict.json() == {"status_code": 409, "detail": "Cette invitation a déjà reçu une réponse."}


async def test_a_failure_after_writing_rolls_the_whole_request_back(client_for) -> None:
    client = await client_for(login=None, smtp_url="smtp://127.0.0.1:9")  # no mail server there
    site = Site(client)
    await site.sign_in(await utilisateur(site.hub, "claude@exemple.fr", "coordinateur"))

    failed = await site.post("/mon-equipe/inviter", {"emails": "camille@exemple.fr"})

    assert failed.status_code == 500 and "<h1>Erreur inattendue</h1>" in failed.text
    assert await count(site.hub, InvitationEquipe) == 0  # the invitation went with the mail that failed

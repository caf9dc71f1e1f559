"""Schemathesis against the hub's own OpenAPI document (issue #10): every ``/api/v1``
operation the app serves, fed requests generated from its document, in-process (the ASGI app,
no network), on a migrated hub holding a little data.

For each operation, bounded and reproducible (``MAX_EXEMPLES`` cases per operation and mode,
derandomized, no shrinking, no example database), with a client holding every scope:

- **positive** cases (valid by the document) and **negative** ones (invalid by it): never a
  5xx (``not_a_server_error``), each answer conforming to its documented schema
  (``response_schema_conformance``) and status code (``status_code_conformance``);
- **scopes**: an operation whose document names a scope (``x-droit``, ``security``) answers 401
  to the same request without credentials, and 403 to it from a client whose rights were all
  withdrawn and from one holding every scope but that one.

Generated ids rarely name a row: a generated id (a UUID, or any string in an id field) is
replaced, by its hash, by one of the hub's ids (the mediator's, their lieux, bénéficiaires,
activities, another mediator's activity) or kept, and ``mediateur_id`` mostly names the mediator,
so that the domain code behind the 400s is reached too. A failure lists, per operation, the
check that failed and the request (its ``curl``). The document's body examples, their ids the
mediator's own, must be accepted; and the scope check must report a client that should be refused.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
import sqlalchemy as sa
from schemathesis import GenerationMode
from schemathesis.checks import CheckContext, not_a_server_error
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from hub.app import create_app
from hub.core.activites.service import creer_activite
from hub.core.api_clients.models import ApiClient
from hub.core.api_clients.scopes import API_SCOPES
from hub.core.hub import Hub
from hub.testing import make_hub
from tests.core.activites.support import COLLECTIF, INDIVIDUEL, beneficiaire, cra, mediateur_en_poste
from tests.core.api.support import client_api

MAX_EXEMPLES = 20
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


@dataclasses.dataclass
class Terrain:
    """The fuzzed app's hub, its schema (the live document), the ``Authorization`` headers of
    its clients (``tous``: every scope; ``aucun``: none left; ``sauf[scope]``: all but that
    one), and the hub's ids a generated id may be swapped for, per field (``mediateur``,
    ``lieu``, ``suivi``, ``activite``; ``autres``: any), the first of each the mediator's own."""

    hub: Hub
    schema: Any
    tous: dict[str, str]
    aucun: dict[str, str]
    sauf: dict[str, dict[str, str]]
    ids: dict[str, list[str]]


async def _peupler(hub: Hub) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Camille (employed, one lieu) with two followed bénéficiaires, an individual CRA with one
    of them and a workshop with both; Dominique with a CRA of their own; the API clients."""
    camille = await mediateur_en_poste(hub, "camille@exemple.fr")
    dominique = await mediateur_en_poste(hub, "dominique@exemple.fr")
    suivis = [await beneficiaire(hub, camille, "Alix"), await beneficiaire(hub, camille, "Sacha", "Durand")]
    async with hub.session() as db, db.begin():
        individuel = await creer_activite(
            db, camille.id, cra(INDIVIDUEL, beneficiaire={"id": suivis[0]}), par=camille.user_id
        )
        atelier = await creer_activite(db, camille.id, cra(COLLECTIF, participants=suivis), par=camille.user_id)
        autre = await creer_activite(db, dominique.id, cra(INDIVIDUEL), par=dominique.user_id)
    _, tous = await client_api(hub, *API_SCOPES, nom="Tous les droits")
    aucun_id, aucun = await client_api(hub, "statistiques", nom="Aucun droit")
    async with hub.session() as db, db.begin():
        await db.execute(sa.update(ApiClient).where(ApiClient.id == aucun_id).values(scopes=[]))
    sauf = {}
    for scope in API_SCOPES:
        _, sauf[scope] = await client_api(hub, *(s for s in API_SCOPES if s != scope), nom=f"Sauf {scope}")
    ids = {
        "mediateur": [camille.id, dominique.id],
        "lieu": [*camille.lieux, camille.employeur, *dominique.lieux],
        "suivi": suivis,
        "activite": [individuel.id, atelier.id, autre.id],
    }
    ids["autres"] = [identifiant for liste in ids.values() for identifiant in liste]
    return {"tous": tous, "aucun": aucun, "sauf": sauf}, ids


@pytest.fixture(scope="module")
def terrain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Terrain]:
    """The hub is migrated and filled in a loop of its own, its connections closed after; the
    app then runs in Schemathesis's loop, which starts and stops it (its lifespan)."""
    dossier = tmp_path_factory.mktemp("fuzz")

    async def preparer() -> tuple[Hub, dict[str, Any], dict[str, list[str]]]:
        # No rate limit of failed identifications: the scope checks send many refused requests.
        hub = await make_hub(dossier, auth_failures_per_ip=0, auth_failures_per_identifier=0)
        clients, ids = await _peupler(hub)
        await hub.engine.dispose()
        return hub, clients, ids

    hub, clients, ids = asyncio.run(preparer())
    app = create_app(hub)
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi", app)
    try:
        yield Terrain(hub, schema, clients["tous"], clients["aucun"], clients["sauf"], ids)
    finally:
        shutdown_lifespans()  # the app's lifespan shuts the hub down


# The pool of ids each field's generated values are swapped for.
POOLS = {
    "mediateur_id": "mediateur",
    "filter[mediateur_id]": "mediateur",
    "structure_id": "lieu",
    "id": "suivi",
    "participants": "suivi",
    "activite_id": "activite",
}
CHAMPS_IDENTIFIANTS = {"tags", "ids"}


def _est_uuid(valeur: str) -> bool:
    try:
        uuid.UUID(valeur)
    except ValueError:
        return False
    return True


def _substituer(terrain: Terrain, valeur: Any, cle: str | None = None, *, exact: bool = False) -> Any:
    """``valeur`` (a body, a query, path parameters) with its generated ids swapped: a string of
    an id field (:data:`POOLS`, :data:`CHAMPS_IDENTIFIANTS`) or any UUID becomes, by its hash,
    one of the field's pool or stays (one time in n + 1); ``exact``: the pool's first (the
    mediator's own), for the documented examples."""
    if isinstance(valeur, dict):
        return {k: _substituer(terrain, v, k, exact=exact) for k, v in valeur.items()}
    if isinstance(valeur, list):
        return [_substituer(terrain, v, cle, exact=exact) for v in valeur]
    if not isinstance(valeur, str) or not (cle in POOLS or cle in CHAMPS_IDENTIFIANTS or _est_uuid(valeur)):
        return valeur
    pool = terrain.ids[POOLS.get(cle or "", "autres")]
    if exact:
        return pool[0]
    rang = zlib.crc32(valeur.encode("utf-8", "surrogatepass")) % (len(pool) + 1)
    return pool[rang] if rang < len(pool) else valeur


def _preparer_cas(terrain: Terrain, case: Any, *, exact: bool = False) -> None:
    """``case`` with its generated ids swapped (:func:`_substituer`) and, mostly, without the
    ``rdv_id`` that only the hub sets (always refused on a new CRA)."""
    for attribut in ("path_parameters", "query", "body"):
        valeur = getattr(case, attribut, None)
        if isinstance(valeur, dict | list):
            setattr(case, attribut, _substituer(terrain, valeur, exact=exact))
    rdv = case.body.get("rdv_id") if isinstance(case.body, dict) else None
    if isinstance(rdv, str) and zlib.crc32(rdv.encode("utf-8", "surrogatepass")) % 4:
        case.body = {cle: valeur for cle, valeur in case.body.items() if cle != "rdv_id"}


def _droit(case: Any) -> str | None:
    definition = case.operation.definition.raw
    return definition.get("x-droit") if definition.get("security") else None


def refus_sans_droit(terrain: Terrain, case: Any) -> list[str]:
    """What is wrong with the answers to ``case`` sent without credentials (401 expected), by a
    client holding no scope and by one holding every scope but the operation's (403
    expected); empty for an operation that names no scope. For positive cases only: a negative
    case may test credentials itself (Schemathesis then sends none, or a malformed one)."""
    droit = _droit(case)
    if droit is None:
        return []
    erreurs = []
    for qui, entetes, attendu in (
        ("sans identifiants", {}, 401),
        ("client sans droit", terrain.aucun, 403),
        (f"client sans « {droit} »", terrain.sauf[droit], 403),
    ):
        reponse = case.call(headers=entetes)
        if reponse.status_code != attendu:
            erreurs.append(f"{qui} : {reponse.status_code} au lieu de {attendu} ({reponse.text[:200]})")
    return erreurs


def _verifier(terrain: Terrain, case: Any, mode: GenerationMode = GenerationMode.POSITIVE) -> Any:
    """``case`` sent by the client holding every scope, its answer checked (:data:`CHECKS`),
    then, for a positive case, refused without the scope (:func:`refus_sans_droit`); its answer."""
    reponse = case.call_and_validate(headers=terrain.tous, checks=CHECKS)
    if mode is GenerationMode.POSITIVE:
        erreurs = refus_sans_droit(terrain, case)
        assert not erreurs, " ; ".join(erreurs)
    return reponse


def _fuzzer(terrain: Terrain, operation: Any, mode: GenerationMode) -> str | None:
    """The first failure of ``operation`` fed ``mode`` cases, or ``None`` (an operation with
    nothing to make invalid has no negative case)."""

    @hypothesis.settings(
        max_examples=MAX_EXEMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=(hypothesis.Phase.explicit, hypothesis.Phase.generate),
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    def essai(case: Any) -> None:
        _preparer_cas(terrain, case)
        _verifier(terrain, case, mode)

    try:
        essai()
    except hypothesis.errors.Unsatisfiable:
        if mode is GenerationMode.NEGATIVE:
            return None
        return f"{operation.label} [{mode.value}] : aucun cas généré"
    except Exception as exc:  # each operation's failure is reported, the others still run
        return f"{operation.label} [{mode.value}] : {type(exc).__name__} : {exc}"
    return None


def _operations(terrain: Terrain) -> list[Any]:
    operations = [resultat.ok() for resultat in terrain.schema.get_all_operations()]
    assert len(operations) >= 15, [operation.label for operation in operations]
    return operations


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda mode: mode.value)
def test_schemathesis_finds_no_server_error_schema_break_or_missing_scope_check(
    terrain: Terrain, mode: GenerationMode
) -> None:
    echecs = [echec for operation in _operations(terrain) if (echec := _fuzzer(terrain, operation, mode))]

    assert not echecs, "\n\n".join(echecs)


def test_the_documented_examples_are_accepted(terrain: Terrain) -> None:
    """Each body example of the document, its ids the mediator's own, is accepted; ``PUT`` on
    the activity its ``POST`` created."""
    crees: dict[str, str] = {}
    acceptes = []
    for operation in _operations(terrain):
        contenu = operation.definition.raw.get("requestBody", {}).get("content", {}).get("application/json", {})
        for nom, exemple in contenu.get("examples", {}).items():
            chemin = {parametre.name: crees.get(nom, "") for parametre in operation.path_parameters}
            case = operation.Case(path_parameters=chemin, body=exemple["value"], media_type="application/json")
            _preparer_cas(terrain, case, exact=True)
            case.path_parameters = chemin or case.path_parameters

            reponse = _verifier(terrain, case)

            assert reponse.status_code in (200, 201), (operation.label, nom, reponse.text)
            if operation.label == "POST /activites":
                crees[nom] = reponse.json()["data"]["id"]
            acceptes.append((operation.label, nom))
    assert sorted(acceptes) == [
        ("POST /activites", "collectif"),
        ("POST /activites", "individuel"),
        ("POST /beneficiaires", "beneficiaire"),
        ("PUT /activites/{activite_id}", "collectif"),
        ("PUT /activites/{activite_id}", "individuel"),
    ]


def test_the_scope_check_reports_an_operation_that_accepts_a_client_without_its_scope(terrain: Terrain) -> None:
    operation = terrain.schema["/activites"]["GET"]
    case = operation.Case(query={})
    terrain_laxiste = dataclasses.replace(terrain, aucun=terrain.tous, sauf={"activites": terrain.tous})

    erreurs = refus_sans_droit(terrain_laxiste, case)

    assert len(erreurs) == 2, erreurs
    assert erreurs[0].startswith("client sans droit : 200 au lieu de 403"), erreurs
    assert erreurs[1].startswith("client sans « activites » : 200 au lieu de 403"), erreurs


def test_the_fuzzed_document_is_the_committed_one_with_bodies_for_the_writes(terrain: Terrain) -> None:
    commite = json.loads((Path(__file__).resolve().parents[3] / "docs" / "openapi.json").read_text(encoding="utf-8"))
    fuzze = terrain.schema.raw_schema

    for chemin, methode in (("/activites", "post"), ("/activites/{activite_id}", "put"), ("/beneficiaires", "post")):
        assert fuzze["paths"][chemin][methode] == commite["paths"][chemin][methode]
        assert "requestBody" in fuzze["paths"][chemin][methode], (chemin, methode)

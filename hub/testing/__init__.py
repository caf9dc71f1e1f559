"""Test helpers for the hub and for plugin authors.

``make_hub`` builds a migrated hub on a throw-away database: SQLite in a temporary folder by
default, or the PostgreSQL named by ``HUB_TEST_DATABASE_URL`` (emptied first).
``check_connector_contract`` runs the contract suite on a connector (:mod:`hub.testing.connectors`).
``login_as`` signs a test client in as a new test user with the given roles (:mod:`hub.testing.auth`).
"""

from hub.testing.auth import create_test_user, login_as, sign_in_client
from hub.testing.connectors import check_connector_contract
from hub.testing.database import make_hub, reset_database
from hub.testing.queue import FakeQueue

__all__ = [
    "FakeQueue",
    "check_connector_contract",
    "create_test_user",
    "login_as",
    "make_hub",
    "reset_database",
    "sign_in_client",
]

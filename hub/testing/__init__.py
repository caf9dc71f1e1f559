"""Test helpers for the hub and for plugin authors.

``make_hub`` builds a migrated hub on a throw-away database: SQLite in a temporary folder by
default, or the PostgreSQL named by ``HUB_TEST_DATABASE_URL`` (emptied first), with a
:class:`FakeQueue` whose ``drain()`` runs the enqueued jobs.
``web_client`` opens a test client on the hub's app; ``login_as`` signs it in as a new test
user with the given roles, ``create_test_user`` only creates one (:mod:`hub.testing.auth`).
``create_test_api_client`` creates an API client with scopes and gives its header.
``mock_partner`` puts a respx router on the hub's HTTP transport (connectors' requests),
``respx_transport`` turns a router into a transport for ``check_connector_contract``, the
contract suite of a connector (:mod:`hub.testing.connectors`).
"""

from hub.testing.api_clients import ApiCredentials, create_test_api_client
from hub.testing.auth import create_test_user, login_as, sign_in_client
from hub.testing.connectors import check_connector_contract
from hub.testing.database import make_hub, reset_database
from hub.testing.http import mock_partner, respx_transport
from hub.testing.queue import FakeQueue
from hub.testing.web import web_client

__all__ = [
    "ApiCredentials",
    "FakeQueue",
    "check_connector_contract",
    "create_test_api_client",
    "create_test_user",
    "login_as",
    "make_hub",
    "mock_partner",
    "reset_database",
    "respx_transport",
    "sign_in_client",
    "web_client",
]

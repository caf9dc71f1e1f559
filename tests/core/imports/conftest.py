"""A migrated hub for each import test (the organisation tests' fixture), and a browser on it."""

from tests.core.imports.navigateur import navigateur
from tests.core.organisation.conftest import hub

__all__ = ["hub", "navigateur"]

"""A migrated hub for each statistics test (the organisation tests' fixture)."""

from tests.core.organisation.conftest import hub

__all__ = ["hub"]

"""Fixtures of the stats plugin's tests (see ``support``)."""

from tests.plugins.stats.support import moteur_enregistre

__all__ = ["moteur_enregistre"]

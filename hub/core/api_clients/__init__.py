"""API clients: partners reading (and, with ``activites:ecriture``, writing) through ``/api/v1``."""

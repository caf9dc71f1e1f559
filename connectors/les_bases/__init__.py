"""Client for Les Bases du numérique d'intérêt général (https://lesbases.anct.gouv.fr).

Public, read-only, without authentication:

- ``GET /api/v1/resources`` and ``GET /api/v1/bases``: every resource (or base) in one
  unpaginated response ``{"data": [...]}``, private and deleted ones included, their ``title``
  and ``url`` null (:mod:`connectors.les_bases.models`);
- ``GET /ressources/{slug}/markdown``: a public resource as Markdown, from which
  :mod:`connectors.les_bases.markdown` reads the title, description, themes, audiences and
  support types (404 when the resource is not public).

Framework-free: nothing here imports the hub.
"""

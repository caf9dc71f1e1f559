"""Activities (CRA): the domain vocabulary shared by the core and the plugins, and its services.

- Vocabulary: :mod:`~hub.core.activites.enums`, :mod:`~hub.core.activites.thematiques`,
  :mod:`~hub.core.activites.durees`, :mod:`~hub.core.activites.communes`,
  :mod:`~hub.core.activites.dates`; coordinators' CRAs in :mod:`hub.core.activites.coordination`.
- Input and rules: :mod:`~hub.core.activites.inputs` (what is given),
  :mod:`~hub.core.activites.regles` (La Coop's rules), :mod:`~hub.core.activites.anonymes`
  (anonymous participants), :mod:`~hub.core.activites.preparation` (checked against the database).
- Writes: :mod:`~hub.core.activites.service` (create, edit, delete), :mod:`~hub.core.activites.saisie`
  (a stored CRA as input: edit form, duplicate), with :mod:`~hub.core.activites.accompagnements`,
  :mod:`~hub.core.activites.premiers` and :mod:`~hub.core.activites.compteurs`.
- Reads: :mod:`~hub.core.activites.portee` (whose activities), :mod:`~hub.core.activites.filtres`
  (the shared filters), :mod:`~hub.core.activites.queries` (paged lists).
"""

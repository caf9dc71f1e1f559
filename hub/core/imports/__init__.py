"""Imports of a mediator's bénéficiaires and activities from a spreadsheet (CSV or XLSX).

Every import runs in two steps: an **analysis** that reads the whole file, checks each row with
the rules of the forms and reports each fault (row number, column, French reason) without
writing anything; then the **import** itself, which checks again (the database may have
changed) and writes the valid rows with set-based SQL in batches.

- Shared: :mod:`~hub.core.imports.tableaux` (reading CSV and XLSX),
  :mod:`~hub.core.imports.colonnes` (the documented columns, matched to the file's headers),
  :mod:`~hub.core.imports.valeurs` (cells read as the inputs take them),
  :mod:`~hub.core.imports.rapport` (faults by row), :mod:`~hub.core.imports.insertion` (bulk
  inserts: COPY on PostgreSQL), :mod:`~hub.core.imports.modele` (the template files).
- :mod:`hub.core.imports.beneficiaires` and :mod:`hub.core.imports.activites`: the two imports.
"""

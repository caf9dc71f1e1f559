"""The import of a mediator's activities (CRA) from a CSV or XLSX file, one row per activity.

:mod:`~.colonnes` (the columns and the CRA of a row), :mod:`~.contexte` (what the rows are
checked against, read once), :mod:`~.verification` (one row checked), :mod:`~.lots` (the rows
of the valid activities, kept aside in batches), :mod:`~.ecriture` (the batches written, the
counters moved once), :mod:`~.service` (analysis and import).
"""

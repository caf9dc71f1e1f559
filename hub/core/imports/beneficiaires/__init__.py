"""The import of a mediator's followed bénéficiaires from a CSV or XLSX file, one row each.

:mod:`~.colonnes` (the documented columns), :mod:`~.doublons` (possible duplicates, with the
bénéficiaires already followed and between the rows), :mod:`~.service` (analysis and import).
"""

"""The « Activités » export (La Coop's ``buildAccompagnementsWorksheet``): one row per
accompagnement of the activities of a scope passing the shared filters.

:mod:`~.lignes` (the query, streamed), :mod:`~.colonnes` (the columns, in La Coop's order),
:mod:`~.service` (the export written), :mod:`~.tache` (the background job of large exports).
"""

"""Exports of a mediator's (or a coordinator's team's) data as spreadsheets, XLSX or CSV.

- :mod:`~hub.core.exports.tableur`: the two formats, written row by row (XLSX in
  ``constant_memory`` mode, CSV in UTF-8 with BOM and ``;``), so that memory stays flat;
- :mod:`~hub.core.exports.entete`: the metadata header (who, when, what);
- :mod:`~hub.core.exports.filtres`: the filters applied, told in French;
- :mod:`~hub.core.exports.ecriture`: an export's columns and rows written from a stream;
- :mod:`hub.core.exports.activites`: the « Activités » sheet, one row per accompagnement, and
  its background job; :mod:`~hub.core.exports.beneficiaires`: the followed bénéficiaires.
"""

"""« This JSON list holds one of these values », in SQL for both databases.

PostgreSQL stores the lists as ``jsonb`` and uses ``?|`` (which the GIN index of
``activites.thematiques`` serves); SQLite reads the list with ``json_each``.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class contient_l_un(FunctionElement[bool]):  # noqa: N801  (used like an SQL function)
    """``contient_l_un(Activite.thematiques, "sante", "logement")``: true when the list column
    (first argument) holds at least one of the values (at least one)."""

    type = sa.Boolean()
    inherit_cache = True
    name = "contient_l_un"


@compiles(contient_l_un)
def _json_each(element: contient_l_un, compiler: SQLCompiler, **kw: Any) -> str:
    colonne, *valeurs = element.clauses
    liste = ", ".join(compiler.process(valeur, **kw) for valeur in valeurs)
    return f"EXISTS (SELECT 1 FROM json_each({compiler.process(colonne, **kw)}) WHERE json_each.value IN ({liste}))"


@compiles(contient_l_un, "postgresql")
def _jsonb(element: contient_l_un, compiler: SQLCompiler, **kw: Any) -> str:
    colonne, *valeurs = element.clauses
    liste = ", ".join(compiler.process(valeur, **kw) for valeur in valeurs)
    return f"({compiler.process(colonne, **kw)} ?| ARRAY[{liste}]::text[])"

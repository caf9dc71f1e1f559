"""Input validation with a French message per field.

Services take msgspec Structs. ``parse(Type, data)`` builds one from raw data (a form, a JSON
body, command-line options) and reports **every** faulty field at once in a
:class:`~hub.core.errors.ValidationError`; ``check(value)`` validates again a Struct built
directly in Python (a Struct's constructor checks neither types nor constraints), so a service
that starts with ``check`` can trust its input whoever called it.

Raw data is cleaned first: strings are stripped (and lose any NUL character), a blank string
counts as an absent field (and so does ``None`` for a required one), and blank items are
dropped from lists. A field type may carry, in its ``Meta(extra=...)``:

- ``"message"``: the French message when the value is refused (else one is derived from the type);
- ``"avant"``: a function applied to the value before conversion (``"03 26…"`` → ``"+3326…"``).

Nested Structs (``X``, ``X | None``, ``list[X]``) are parsed the same way; their errors are
named by path: ``structure.code_postal``, ``lieux.1.structure_id``.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, TypeVar

import msgspec

from hub.core.errors import ValidationError
from hub.core.settings import french_validation_message

S = TypeVar("S", bound=msgspec.Struct)

OBLIGATOIRE = "Ce champ est obligatoire."
INCONNU = "Champ inconnu."
RACINE = "_"  # the field named when the data as a whole is not a mapping
_ABSENT = msgspec.NODEFAULT


def parse(type_: type[S], data: Any) -> S:
    """A ``type_`` built from ``data`` (a mapping), or :class:`ValidationError` naming each faulty field."""
    errors: dict[str, str] = {}
    value = _parse_struct(type_, data, "", errors)
    if errors:
        raise ValidationError(errors)
    return value


def check(value: S) -> S:
    """``value`` validated again (types, constraints, normalisers), as :func:`parse` would."""
    return parse(type(value), msgspec.to_builtins(value))


def _parse_struct(type_: type[S], data: Any, prefix: str, errors: dict[str, str]) -> S:
    """``type_`` from ``data``, or ``None`` with its errors added to ``errors``."""
    if not isinstance(data, Mapping):
        errors[prefix.rstrip(".") or RACINE] = "Un objet de champs nommés est attendu."
        return None  # type: ignore[return-value]
    found = len(errors)
    plan = _plan(type_)
    if type_.__struct_config__.forbid_unknown_fields:
        for key in data:
            if key not in plan.known:
                errors[f"{prefix}{key}"] = INCONNU
    values: dict[str, Any] = {}
    for field in plan.fields:
        name = f"{prefix}{field.encode_name}"
        raw = _clean(data.get(field.encode_name, _ABSENT))
        if raw is _ABSENT or (raw is None and field.required):
            if field.required:
                errors[name] = OBLIGATOIRE
            continue
        values[field.name] = _parse_value(field, raw, name, errors)
    if len(errors) > found:
        return None  # type: ignore[return-value]
    return type_(**values)


@dataclass(frozen=True, slots=True)
class _Field:
    """A field of a Struct with what parsing it needs: its nested Struct (``X``, ``X | None``)
    or Struct of items (``list[X]``), and its normaliser (``None``: values are taken as given)."""

    name: str
    encode_name: str
    required: bool
    type: Any
    struct: type[msgspec.Struct] | None
    item_struct: type[msgspec.Struct] | None
    before: Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class _Plan:
    fields: tuple[_Field, ...]
    known: frozenset[str]


@functools.cache
def _plan(type_: type[msgspec.Struct]) -> _Plan:
    """The fields of a Struct type, worked out once: msgspec evaluates the annotations at each
    call of ``structs.fields``, and typing's introspection is slow."""
    fields = tuple(
        _Field(
            name=field.name,
            encode_name=field.encode_name,
            required=field.required,
            type=field.type,
            struct=_struct_of(field.type),
            item_struct=_list_item_struct(field.type),
            before=_normaliser(field.type),
        )
        for field in msgspec.structs.fields(type_)
    )
    return _Plan(fields, frozenset(field.encode_name for field in fields))


def _parse_value(field: _Field, raw: Any, name: str, errors: dict[str, str]) -> Any:
    if field.struct is not None and raw is not None:
        return _parse_struct(field.struct, raw, f"{name}.", errors)
    if field.item_struct is not None and isinstance(raw, list):
        if (problem := _length_problem(field.type, raw)) is not None:
            errors[name] = problem
            return None
        return [_parse_struct(field.item_struct, item, f"{name}.{index}.", errors) for index, item in enumerate(raw)]
    if field.before is not None:
        raw = field.before(raw)
    try:
        return msgspec.convert(raw, field.type, strict=False)
    except msgspec.ValidationError as exc:
        errors[name] = _extra(field.type).get("message") or _derived_message(field.type, raw, str(exc))
        return None


def _length_problem(type_: Any, raw: list[Any]) -> str | None:
    """What is wrong with the number of items of a list of Structs (which msgspec does not check here)."""
    for meta in _metas(type_):
        too_few = meta.min_length is not None and len(raw) < meta.min_length
        too_many = meta.max_length is not None and len(raw) > meta.max_length
        if too_few or too_many:
            bound = f"{meta.min_length} valeur(s) au moins" if too_few else f"{meta.max_length} valeurs au plus"
            return _extra(type_).get("message") or f"{bound} (reçu : {len(raw)})."
    return None


def _normaliser(type_: Any) -> Callable[[Any], Any] | None:
    """What passes a value through the normaliser of its type (of each item, for a list), or
    ``None`` when the type has none."""
    avant: Callable[[Any], Any] | None = _extra(type_).get("avant")
    if avant is not None:
        return lambda raw: raw if raw is None else avant(raw)
    inner = _unwrap(type_)
    if typing.get_origin(inner) is list:
        item = _normaliser(typing.get_args(inner)[0])
        if item is not None:
            return lambda raw: [item(value) for value in raw] if isinstance(raw, list) else raw
    return None


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace("\x00", "").strip()  # PostgreSQL stores no NUL character
        return value or _ABSENT
    if isinstance(value, list):
        items = [_clean(item) for item in value]
        return [item for item in items if item is not _ABSENT]
    return value


def _not_none(type_: Any) -> Any:
    """``X`` for ``X | None``, else ``type_``."""
    if typing.get_origin(type_) in (typing.Union, types.UnionType):
        others = [arg for arg in typing.get_args(type_) if arg is not type(None)]
        if len(others) == 1:
            return others[0]
    return type_


def _unwrap(type_: Any) -> Any:
    """``type_`` without ``| None`` and without ``Annotated``."""
    type_ = _not_none(type_)
    if typing.get_origin(type_) is typing.Annotated:
        return _not_none(typing.get_args(type_)[0])
    return type_


def _struct_of(type_: Any) -> type[msgspec.Struct] | None:
    inner = _unwrap(type_)
    return inner if isinstance(inner, type) and issubclass(inner, msgspec.Struct) else None


def _list_item_struct(type_: Any) -> type[msgspec.Struct] | None:
    inner = _unwrap(type_)
    if typing.get_origin(inner) is list:
        return _struct_of(typing.get_args(inner)[0])
    return None


def _metas(type_: Any) -> list[msgspec.Meta]:
    type_ = _not_none(type_)
    if typing.get_origin(type_) is typing.Annotated:
        return [meta for meta in typing.get_args(type_)[1:] if isinstance(meta, msgspec.Meta)]
    return []


def _extra(type_: Any) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for meta in _metas(type_):
        extra.update(meta.extra or {})
    return extra


def _derived_message(type_: Any, raw: Any, english: str) -> str:
    inner = _unwrap(type_)
    allowed = _literal_values(inner)
    if allowed is not None:
        return _refused(raw, allowed)
    if typing.get_origin(inner) is list:
        item = typing.get_args(inner)[0]
        item_allowed = _literal_values(_unwrap(item))
        if item_allowed is not None and isinstance(raw, list):
            return _refused(raw, item_allowed)
        if not isinstance(raw, list):
            return "Une liste de valeurs est attendue."
        for value in raw:
            try:
                msgspec.convert(value, item, strict=False)
            except msgspec.ValidationError as exc:
                return f"« {value} » : {_extra(item).get('message') or _derived_message(item, value, str(exc))}"
    for meta in _metas(type_):
        if meta.max_length is not None and isinstance(raw, str | list) and len(raw) > meta.max_length:
            unit = "caractères" if isinstance(raw, str) else "valeurs"
            return f"{meta.max_length} {unit} au plus (reçu : {len(raw)})."
        if meta.ge is not None and isinstance(raw, int | float) and raw < meta.ge:
            return f"La valeur doit être au moins {meta.ge}."
        if meta.le is not None and isinstance(raw, int | float) and raw > meta.le:
            return f"La valeur doit être au plus {meta.le}."
    if inner is bool:
        return "Oui ou non est attendu."
    if inner in (int, float):
        return "Un nombre est attendu."
    if inner is datetime:
        return "Date et heure invalides (attendu : AAAA-MM-JJTHH:MM:SSZ)."
    if inner is date:
        return "Date invalide (attendu : AAAA-MM-JJ)."
    if inner is str:
        return "Un texte est attendu."
    return french_validation_message(english)


def _literal_values(type_: Any) -> tuple[Any, ...] | None:
    return typing.get_args(type_) if typing.get_origin(type_) is Literal else None


def _refused(raw: Any, allowed: tuple[Any, ...]) -> str:
    values = raw if isinstance(raw, list) else [raw]
    refused = [value for value in values if value not in allowed]
    shown = ", ".join(f"« {value} »" for value in refused) or f"« {raw} »"
    return f"Valeur non autorisée : {shown}." if len(refused) <= 1 else f"Valeurs non autorisées : {shown}."

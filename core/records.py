"""The record catalogue: every kind of client record, declared once (issue 23).

Each app declares its record kinds in its `records.py` (imported by its
`AppConfig.ready()`): the model, the path from a record to its client (and case), the
scope for each right it admits, the access-log label, the hook topic, its title on the
case page and in the export, its timeline entries and what its export holds. Everything
that must reach "the whole case" iterates the catalogue instead of importing the apps:
the generic gate (`clients.access.gate`), the client's data export (`clients.export`),
the case page's timeline. A new kind of record is one declaration; a new actor (the
client, a work-ability team) is one scope per right it gains, not one per app.

This module imports no app: a kind's scopes are functions the declaring app writes
over its own querysets (which read the SQL of `clients/scope.py`)."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .access import Right

Scope = Callable[[Any], models.Q]  # actor → the records of this kind in reach, as a Q


@dataclass(order=True)
class TimelineEntry:
    """One line of the case's timeline, as a kind contributes it (sorted by day)."""

    day: datetime.date
    at: datetime.datetime | None = field(compare=False, default=None)
    title: str = field(compare=False, default="")
    detail: str = field(compare=False, default="")
    url: str = field(compare=False, default="")


@dataclass(frozen=True)
class RecordKind:
    """One kind of client record.

    - `client_path`: the ORM path from a record to its `Client` ("case__client").
    - `case_path`: the path to its `Case` ("case"), or "" for a record of the client
      itself (a consent); a case's records are reached within that case's scope.
    - `scopes`: the rights a record of this kind can be reached with, each a function of
      the actor giving the records in reach. A right not named here reaches nothing: a
      gate asked for it answers 404, so no gate can be passed a right it ignores.
    - `label`: the access log's word for it ("suunnitelma 12"); never client data.
    - `title`: its heading on the case page and in the export (translated).
    - `exported`: the model fields the client's export holds, in order; by default every
      field but the id, the path to the client and `not_exported` (so a field added to
      the model is exported without a second change). `children`: related records
      exported within each record (a plan's signatures), by their related name.
    - `timeline`: a record's entries on the case's timeline.
    """

    name: str
    model: type[models.Model]
    scopes: Mapping[Right, Scope]
    label: str
    title: str | Promise
    client_path: str = "case__client"  # most records belong to a case
    case_path: str = "case"
    topic: str | None = None
    exported: tuple[str, ...] = ()
    not_exported: tuple[str, ...] = ()
    children: tuple[str, ...] = ()
    select_related: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ("pk",)
    timeline: Callable[[Any], Iterable[TimelineEntry]] | None = None
    timeline_related: tuple[str, ...] = ()
    timeline_prefetch: tuple[str, ...] = ()

    def in_reach(self, actor, right: Right) -> models.QuerySet:
        """The records this actor reaches with this right: none for a right not declared."""
        scope = self.scopes.get(right)
        if scope is None or not getattr(actor, "is_authenticated", False):
            return self.model.objects.none()
        return self.model.objects.filter(scope(actor))

    def of_clients(self, client_ids: Iterable[int]) -> models.QuerySet:
        """Every record of these clients (the export: the registrar's whole record)."""
        joined = tuple(dict.fromkeys((*self.select_related, *self._fk_paths())))
        records = self.model.objects.filter(**{f"{self.client_path}__in": list(client_ids)})
        return related(records, joined).prefetch_related(*self.children).order_by(*self.order_by)

    def on_case(self, actor, rights: Iterable[Right], case) -> list | None:
        """This kind's records of the case as the case page shows them, read with the
        first of `rights` the kind declares through the kind's own scope (the same as
        its gate's); None when the kind declares none of them."""
        right = next((r for r in rights if r in self.scopes), None)
        if right is None:
            return None
        records = self.in_reach(actor, right)
        if self.case_path:
            records = records.filter(**{self.case_path: case})
        elif self.model is type(case):
            records = records.filter(pk=case.pk)
        else:
            records = records.filter(**{self.client_path: case.client_id})
        return list(
            related(records, self.timeline_related).prefetch_related(*self.timeline_prefetch)
        )

    def timeline_of(self, records: Iterable | None) -> list[TimelineEntry]:
        """The entries these records add to the case's timeline."""
        if self.timeline is None:
            return []
        return [entry for record in records or () for entry in self.timeline(record) if entry.day]

    def export_fields(self) -> tuple[str, ...]:
        if self.exported:
            return self.exported
        return fields_of(self.model, skip={self.client_path.split("__")[0], *self.not_exported})

    def _fk_paths(self) -> list[str]:
        paths = []
        for name in self.export_fields():
            model_field = self.model._meta.get_field(name)
            if model_field.many_to_one or model_field.one_to_one:
                paths.append(name)
        return paths


def related(records: models.QuerySet, names: Iterable[str]) -> models.QuerySet:
    """select_related of these names only: called with none, Django would follow every
    foreign key of the model (a case page's kinds joined the case, client and users)."""
    names = tuple(names)
    return records.select_related(*names) if names else records


class Catalogue:
    """The kinds in the order the apps declare them (the process' order)."""

    def __init__(self) -> None:
        self._kinds: dict[str, RecordKind] = {}

    def declare(self, *kinds: RecordKind) -> None:
        for kind in kinds:
            if kind.name in self._kinds and self._kinds[kind.name] != kind:
                raise ImproperlyConfigured(f"record kind {kind.name!r} declared twice")
            unknown = [right for right in kind.scopes if not isinstance(right, Right)]
            if unknown:
                raise ImproperlyConfigured(f"{kind.name}: not rights: {unknown}")
            for name in kind.exported:
                kind.model._meta.get_field(name)  # a typo fails at start-up, not in an export
            self._kinds[kind.name] = kind

    def grant(self, right: Right, scopes: Mapping[str, Scope]) -> None:
        """A later app gives its actor a right to kinds the earlier apps declared (the
        client's own pages: Right.OWN), so the declaring apps need not name that actor."""
        for name, scope in scopes.items():
            kind = self._kinds[name]
            if right in kind.scopes:
                raise ImproperlyConfigured(f"{name}: {right} granted twice")
            self._kinds[name] = dataclasses.replace(kind, scopes={**kind.scopes, right: scope})

    def __getitem__(self, name: str) -> RecordKind:
        return self._kinds[name]

    def __iter__(self):
        return iter(self._kinds.values())

    def __len__(self) -> int:
        return len(self._kinds)


catalogue = Catalogue()


def display(record: models.Model, name: str) -> Any:
    """A field's value as the export shows it: choices by their label, a related record
    by its name, dates as d.m.yyyy, lists joined; plain JSON types otherwise."""
    model_field = record._meta.get_field(name)
    if getattr(model_field, "choices", None) and not model_field.many_to_one:
        value = getattr(record, name)
        if isinstance(value, list):
            labels = dict(model_field.base_field.choices or model_field.choices)
            return ", ".join(str(labels.get(item, item)) for item in value)
        return str(getattr(record, f"get_{name}_display")())
    value = getattr(record, name)
    base = getattr(model_field, "base_field", None)
    if isinstance(value, list) and base is not None and base.choices:
        labels = dict(base.choices)
        return ", ".join(str(labels.get(item, item)) for item in value)
    return plain(value)


def plain(value: Any) -> Any:
    if isinstance(value, bool):
        return str(_("kyllä") if value else _("ei"))
    if value is None or isinstance(value, int | str):
        return value
    if isinstance(value, datetime.datetime):  # in Helsinki time, as the pages show it
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(local, "d.m.Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d.m.Y")
    if isinstance(value, list | tuple):
        return ", ".join(str(plain(item)) for item in value)
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, models.Model):
        full_name = getattr(value, "get_full_name", None)  # a user: the person's name
        return (full_name() or str(value)) if full_name else str(value)
    if isinstance(value, FieldFile):  # a stored file (an attachment, a PDF): its name
        return value.name.rsplit("/", 1)[-1] if value else ""
    return str(value)


def fields_of(model: type[models.Model], *, skip: set[str]) -> tuple[str, ...]:
    """A model's own fields in their order, without its id and the ones skipped."""
    return tuple(
        f.name for f in model._meta.concrete_fields if not f.primary_key and f.name not in skip
    )

"""The client's data export (GDPR art. 15, Act 703/2023): every kind of record in the
catalogue, of every registrar the requesting social worker works for, as JSON and PDF.

The export iterates `core.records.catalogue`, so a kind declared by any app is in it
without this module knowing the app; labels are the models' own field names, in the
language of the request (fi, sv, en). The person is one client record per registrar: the
records of this person held by the other registrars the worker belongs to are exported
too, and nothing of a registrar the worker does not belong to."""

from __future__ import annotations

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from core.access import AccessMeta
from core.records import RecordKind, catalogue, display, fields_of, plain

from .access import access_log
from .models import AccessAction, Client


def export_clients(*, user: User, client: Client) -> list[Client]:
    """This person's client records in the registrars the worker works for."""
    registrars = user.organizations_as(Role.SOCIAL_WORKER)
    return list(
        Client.objects.filter(
            hetu=client.hetu, identifier_kind=client.identifier_kind, registrar__in=registrars
        )
        .select_related("registrar")
        .order_by("pk")
    )


def log_other_records(
    *, user: User, client: Client, clients: list[Client], what: str, meta: AccessMeta
) -> None:
    """One access-log row for each exported client record the gate did not log."""
    others = [c for c in clients if c.pk != client.pk]
    access_log(user=user, clients=others, action=AccessAction.EXPORT, what=what, meta=meta)


def client_export(*, clients: list[Client]) -> dict:
    """Every record of these client records, kind by kind in the catalogue's order."""
    ids = [c.pk for c in clients]
    return {
        "title": _("Asiakkaan tiedot (tietopyyntö)"),
        "created": plain(timezone.localtime()),
        "registrars": [c.registrar.name for c in clients],
        "sections": [_section(kind, ids) for kind in catalogue],
    }


def _section(kind: RecordKind, client_ids: list[int]) -> dict:
    return {
        "kind": kind.name,
        "title": str(kind.title),
        "records": [record_data(kind, record) for record in kind.of_clients(client_ids)],
    }


def record_data(kind: RecordKind, record: Model) -> dict:
    """A record's fields by their labels, and its children (a plan's signatures)."""
    data = {"fields": _fields(record, kind.export_fields())}
    children = []
    for name in kind.children:
        related = getattr(record, name)
        model = related.model
        back = related.field.name  # the child's key to this record: not repeated
        fields = fields_of(model, skip={back})
        children.append(
            {
                "title": str(model._meta.verbose_name_plural),
                "records": [_fields(child, fields) for child in related.all()],
            }
        )
    if children:
        data["children"] = children
    return data


def _fields(record: Model, names: tuple[str, ...]) -> dict:
    data: dict = {}
    for name in names:
        label = str(record._meta.get_field(name).verbose_name)
        if label in data:
            label = f"{label} ({name})"
        data[label] = display(record, name)
    return data

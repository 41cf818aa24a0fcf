"""Documents ready for the archive: every document the product issues (decisions,
activation plans, placement notices, evaluations, closure summaries) as PDF/A with its
archive metadata, in an outbox (ArchiveDocument) that a Celery task hands to an adapter.

THL's Sosmeta definitions of these document structures (sosmeta.thl.fi, with their JSON
schemas) could not be obtained here, so the document types and the service task below
are kuty's own labels, marked `"sosmeta": null`, and the structured content is the
catalogue's export of the record (core/records.py, clients/export.py). The metadata is
validated against national/archive_metadata.schema.json, kuty's own schema: not THL's.

Rows are written by a sweep that reads the committed documents (every few minutes and
at night), so a document made while the broker or the archive is down is queued later;
the unique (kind, record) key queues each document once."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path

import jsonschema
import requests
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from clients.export import record_data
from core.pdf import PDF_VARIANT, render_pdf
from core.records import catalogue
from decisions.models import Decision, DecisionStatus
from decisions.services import decision_pdf
from followup.models import Closure, Evaluation
from followup.services import closure_pdf
from placements.models import Placement
from plans.models import ActivationPlan, PlanState

from . import pdfa
from .models import ArchiveDocument, OutboxState

log = logging.getLogger(__name__)

SCHEMA = json.loads((Path(__file__).parent / "archive_metadata.schema.json").read_text())
SERVICE_TASK = "Kuntouttava työtoiminta (laki 189/2001)"
GAP = (
    "THL Sosmeta definitions not obtained; document type and service task are kuty's "
    "labels, content is the record catalogue's export"
)


def _stored(field) -> bytes | None:
    if not field:
        return None
    with field.open("rb") as stored:
        content = stored.read()
    return content if not pdfa.problems(content) else None


def _record_pdf(kind_name: str, record: models.Model) -> bytes:
    """A document with no PDF of its own (a plan, an evaluation): the catalogue's
    export of the record, as PDF/A."""
    kind = catalogue[kind_name]
    client = record.case.client
    language = "sv" if client.language == "sv" else "fi"
    with translation.override(language):
        html = render_to_string(
            "national/record_pdf.html",
            {"title": kind.title, "record": record_data(kind, record), "case": record.case},
        )
        return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)


@dataclasses.dataclass(frozen=True)
class ArchiveKind:
    kind: str  # the catalogue's kind
    document_type: str  # kuty's label (see GAP)
    ready: Callable[[], models.QuerySet]
    author: Callable[[models.Model], object]
    dated: Callable[[models.Model], datetime.date]
    pdf: Callable[[models.Model], bytes]


def _date(value) -> datetime.date:
    return timezone.localdate(value) if isinstance(value, datetime.datetime) else value


KINDS = [
    ArchiveKind(
        "decision",
        "Päätös",
        lambda: Decision.objects.exclude(status__in=[DecisionStatus.DRAFT, DecisionStatus.MADE]),
        lambda r: r.decision_maker,
        lambda r: r.decided_on,
        lambda r: _stored(r.pdf) or decision_pdf(r),
    ),
    ArchiveKind(
        "activation_plan",
        "Aktivointisuunnitelma",
        lambda: ActivationPlan.objects.exclude(state=PlanState.DRAFT),
        lambda r: r.created_by,
        lambda r: _date(r.created_at),
        lambda r: _record_pdf("activation_plan", r),
    ),
    ArchiveKind(
        "placement",
        "Ilmoitus toteutuspaikalle",
        lambda: Placement.objects.exclude(notice_pdf=""),
        lambda r: r.notice_sent_by,
        lambda r: r.notice_sent_on,
        lambda r: (
            _stored(r.notice_pdf) or render_pdf("placements/notice_pdf.html", {"placement": r})
        ),
    ),
    ArchiveKind(
        "evaluation",
        "Arviointi",
        lambda: Evaluation.objects.all(),
        lambda r: r.recorded_by,
        lambda r: r.evaluated_on,
        lambda r: _record_pdf("evaluation", r),
    ),
    ArchiveKind(
        "closure",
        "Yhteenveto palvelun päättyessä",
        lambda: Closure.objects.exclude(pdf=""),
        lambda r: r.recorded_by,
        lambda r: r.closed_on,
        lambda r: _stored(r.pdf) or closure_pdf(r),
    ),
]


def metadata(kind: ArchiveKind, record: models.Model, content: bytes) -> dict:
    case = record.case
    client, registrar = case.client, case.client.registrar
    author = kind.author(record)
    data = {
        "schema": "kuty-archive-metadata/1",
        "sosmeta": None,
        "gap": GAP,
        "external_id": f"kuty-{kind.kind}-{record.pk}",
        "document_type": {"code": kind.kind, "name": kind.document_type},
        "service_task": SERVICE_TASK,
        "registrar": {"name": registrar.name, "business_id": registrar.business_id},
        "case_id": f"kuty-asia-{case.pk}",  # asia: the case of rehabilitative work activity
        "client_relationship_id": f"kuty-asiakkuus-{client.pk}",  # the registrar's client
        "client": {"identifier": client.hetu, "identifier_kind": client.identifier_kind},
        "author": (author.get_full_name() or author.username) if author else "",
        "dates": {
            "document": kind.dated(record).isoformat(),
            "queued": timezone.localdate().isoformat(),
        },
        "retention": {
            "years": settings.KUTY_ARCHIVE_RETENTION_YEARS,
            "basis": settings.KUTY_ARCHIVE_RETENTION_BASIS,
        },
        "file": {
            "name": f"{kind.kind}-{record.pk}.pdf",
            "media_type": "application/pdf",
            "format": pdfa.identification(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        },
        "content": json.loads(json.dumps(record_data(catalogue[kind.kind], record), default=str)),
    }
    jsonschema.validate(data, SCHEMA)
    return data


def _queue(kind: ArchiveKind, record: models.Model) -> None:
    content = kind.pdf(record)
    problems = pdfa.problems(content)
    if problems:
        raise ValueError(f"{kind.kind} {record.pk} is not PDF/A: {problems}")
    meta = metadata(kind, record, content)
    with transaction.atomic():
        row = ArchiveDocument(
            external_id=meta["external_id"],
            case=record.case,
            kind=kind.kind,
            record_id=record.pk,
            metadata=meta,
        )
        row.pdf.save(meta["file"]["name"], ContentFile(content), save=False)
        row.save()


def queue_documents() -> int:
    """Every issued document not yet in the outbox gets its row (PDF/A and metadata)."""
    queued = 0
    for kind in KINDS:
        done = ArchiveDocument.objects.filter(kind=kind.kind).values("record_id")
        for record in kind.ready().exclude(pk__in=done).select_related("case__client__registrar"):
            try:
                _queue(kind, record)
            except IntegrityError:  # queued meanwhile by another run
                continue
            queued += 1
    return queued


# --- adapters -------------------------------------------------------------------------


class Unavailable(Exception):
    """The archive did not answer or answered 5xx: try again later."""


class Rejected(Exception):
    """The archive refused the document: a person must look."""


class FileSystemArchive:
    """Writes <KUTY_ARCHIVE_DIR>/<external id>/{document.pdf, metadata.json}; a rename
    makes each file appear whole, and storing the same document again is a no-op."""

    def store(self, external_id: str, content: bytes, meta: dict) -> str:
        folder = Path(settings.KUTY_ARCHIVE_DIR) / external_id
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in (
            ("document.pdf", content),
            ("metadata.json", json.dumps(meta, ensure_ascii=False, indent=2).encode()),
        ):
            part = folder / f".{name}.part"
            part.write_bytes(data)
            part.replace(folder / name)
        return str(folder)


class HttpArchive:
    """PUT <KUTY_ARCHIVE_URL>/documents/<external id> with the metadata and the PDF as
    multipart: kuty's own transfer format, idempotent by the external id (a repeated PUT
    answers 200 or 409 with the same id). NOT Kanta's interface (which takes HL7 CDA R2
    documents through Kanta's own services; its specifications were not obtainable)."""

    def store(self, external_id: str, content: bytes, meta: dict) -> str:
        url = f"{settings.KUTY_ARCHIVE_URL.rstrip('/')}/documents/{external_id}"
        files = {
            "metadata": ("metadata.json", json.dumps(meta), "application/json"),
            "document": ("document.pdf", content, "application/pdf"),
        }
        try:
            response = requests.put(url, files=files, timeout=settings.KUTY_ARCHIVE_TIMEOUT)
        except requests.RequestException as failure:
            raise Unavailable(f"{type(failure).__name__}: {failure}"[:480]) from failure
        if response.status_code in (200, 201, 409):
            try:
                return str(response.json()["archiveId"])
            except (ValueError, KeyError) as failure:
                raise Unavailable(f"unreadable answer: {response.text[:200]}") from failure
        if response.status_code >= 500:
            raise Unavailable(f"HTTP {response.status_code}: {response.text[:200]}")
        raise Rejected(f"HTTP {response.status_code}: {response.text[:400]}")


ADAPTERS = {"filesystem": FileSystemArchive, "http": HttpArchive}


def adapter():
    return ADAPTERS[settings.KUTY_ARCHIVE_ADAPTER]()


@transaction.atomic(durable=True)
def send_pending(*, pk: int) -> str:
    """Hand one pending document to the archive, locked while it is sent."""
    row = (
        ArchiveDocument.objects.select_for_update(skip_locked=True)
        .filter(pk=pk, state=OutboxState.PENDING)
        .first()
    )
    if row is None:
        return "skipped"
    row.attempts += 1
    with row.pdf.open("rb") as stored:
        content = stored.read()
    try:
        row.archive_id = adapter().store(row.external_id, content, row.metadata)
    except Unavailable as failure:
        row.last_error = str(failure)[:500]
    except Rejected as refused:
        row.state, row.last_error = OutboxState.FAILED, str(refused)[:500]
    else:
        row.state, row.archived_at, row.last_error = OutboxState.DELIVERED, timezone.now(), ""
    row.save(update_fields=["attempts", "archive_id", "state", "archived_at", "last_error"])
    return row.state


def send_all_pending() -> int:
    """Every pending document, each in its own transaction; how many still wait."""
    pending = ArchiveDocument.objects.filter(state=OutboxState.PENDING)
    for pk in list(pending.order_by("pk").values_list("pk", flat=True)):
        send_pending(pk=pk)
    return pending.count()

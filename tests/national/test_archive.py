"""Documents ready for the archive: each issued document as PDF/A (the checks of
national/pdfa.py) with its metadata validated against the metadata schema, queued once
in the outbox and handed to the archive by a real Celery worker (the file-system
adapter) or to an HTTP archive replayed locally: errors, timeouts and answers given twice
lose nothing and store nothing twice; the case shows what still waits."""

import datetime
import io
import json
import time

import jsonschema
import pytest
from django.urls import reverse
from pypdf import PdfReader

from decisions import services as decisions
from followup import services as followup
from followup.models import EvaluationForm
from national import archive, pdfa
from national.models import ArchiveDocument, OutboxState
from tests.followup.test_reminder_worker import celery_worker, wait_for
from tests.national.conftest import replay_server, texts, tree
from tests.plans.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(world, placed):
    """A notified decision, the signed activation plan, the placement notice, an evaluation."""
    decision = placed.decision
    decisions.decision_notify(user=world.alice, decision=decision, method="post", sent_on=TODAY)
    followup.evaluation_record(
        user=world.alice,
        case=placed.case,
        placement=placed,
        kind="start",
        evaluated_on=TODAY,
        author_role="social_worker",
        summary="Hyvä alku.",
        scores={i.pk: (3, "") for i in EvaluationForm.objects.get(active=True).items.all()},
    )
    return placed.case


def text_of(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_every_issued_document_is_queued_once_as_pdfa_with_its_metadata(world, documents):
    assert archive.queue_documents() == 4
    assert archive.queue_documents() == 0  # once
    rows = {row.kind: row for row in ArchiveDocument.objects.all()}
    assert set(rows) == {"decision", "activation_plan", "placement", "evaluation"}
    for row in rows.values():
        with row.pdf.open("rb") as stored:
            content = stored.read()
        assert pdfa.problems(content) == [], row.kind
        assert pdfa.identification(content) == "PDF/A-3B"
        jsonschema.validate(row.metadata, archive.SCHEMA)
        meta = row.metadata
        assert meta["case_id"] == f"kuty-asia-{documents.pk}"
        assert meta["client_relationship_id"] == f"kuty-asiakkuus-{documents.client.pk}"
        assert meta["registrar"]["name"] == documents.client.registrar.name
        assert meta["client"]["identifier"] == documents.client.hetu
        assert meta["sosmeta"] is None and "Sosmeta" in meta["gap"]
        assert meta["retention"]["years"] == 12
    decision = rows["decision"].metadata
    assert decision["document_type"] == {"code": "decision", "name": "Päätös"}
    assert decision["author"] == world.alice.get_full_name()
    assert decision["dates"]["document"] == TODAY.isoformat()
    with rows["evaluation"].pdf.open("rb") as stored:
        assert "Hyvä alku." in text_of(stored.read())


def test_pdfa_check_finds_an_ordinary_pdf_wanting():
    from weasyprint import HTML

    plain = HTML(string="<p>Tavallinen</p>").write_pdf()
    assert "XMP metadata names no PDF/A part and conformance" in pdfa.problems(plain)
    assert "no GTS_PDFA1 OutputIntent with an ICC profile" in pdfa.problems(plain)
    assert pdfa.problems(b"not a pdf")[0].startswith("not a PDF")


def put_script(rows, answers: list[dict]) -> dict:
    return {f"PUT /documents/{row.external_id}": answers for row in rows}


def test_http_archive_error_timeout_and_answer_twice(world, documents, settings, tmp_path, client):
    settings.KUTY_ARCHIVE_ADAPTER, settings.KUTY_ARCHIVE_TIMEOUT = "http", 1
    archive.queue_documents()
    row = ArchiveDocument.objects.get(kind="decision")
    answers = [
        {"status": 503, "json": {"error": "maintenance"}},
        {"status": 201, "delay": 3, "json": {"archiveId": "A-1"}},  # took it, answered late
        {"status": 409, "json": {"archiveId": "A-1"}},  # the same document again
    ]
    with replay_server(tmp_path, put_script([row], answers)) as server:
        settings.KUTY_ARCHIVE_URL = server.url
        assert archive.send_pending(pk=row.pk) == OutboxState.PENDING
        client.force_login(world.alice)
        page = tree(client.get(reverse("clients:case_detail", args=[documents.pk])))
        waiting = texts(page, "//ul[@id='archive-pending']/li")
        assert any("Päätös" in line and "503" in line for line in waiting)
        assert archive.send_pending(pk=row.pk) == OutboxState.PENDING  # timed out
        assert archive.send_pending(pk=row.pk) == OutboxState.DELIVERED
        assert archive.send_pending(pk=row.pk) == "skipped"
        puts = server.requests(f"PUT /documents/{row.external_id}")
    assert len(puts) == 3
    row.refresh_from_db()
    assert (row.archive_id, row.attempts) == ("A-1", 3)
    page = tree(client.get(reverse("clients:case_detail", args=[documents.pk])))
    assert not any("Päätös" in line for line in texts(page, "//ul[@id='archive-pending']/li"))


def test_http_archive_refusal_waits_for_a_person(world, documents, settings, tmp_path):
    settings.KUTY_ARCHIVE_ADAPTER = "http"
    archive.queue_documents()
    row = ArchiveDocument.objects.get(kind="placement")
    refused = [{"status": 422, "json": {"error": "metadata rejected"}}]
    with replay_server(tmp_path, put_script([row], refused)) as server:
        settings.KUTY_ARCHIVE_URL = server.url
        assert archive.send_pending(pk=row.pk) == OutboxState.FAILED
    row.refresh_from_db()
    assert "422" in row.last_error and "metadata rejected" in row.last_error


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_worker_hands_the_documents_to_the_file_system_archive(
    world, documents, settings, tmp_path, monkeypatch
):
    from national.tasks import archive_documents

    folder = tmp_path / "arkisto"
    monkeypatch.setenv("KUTY_ARCHIVE_ADAPTER", "filesystem")
    monkeypatch.setenv("KUTY_ARCHIVE_DIR", str(folder))
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    with celery_worker(tmp_path) as run:
        archive_documents.apply_async(queue=run.queue)
        wait_for(
            lambda: ArchiveDocument.objects.filter(state=OutboxState.DELIVERED).count() == 4,
            seconds=120,
            what="the worker to archive four documents",
        )
        archive_documents.apply_async(queue=run.queue)  # again: nothing new, nothing twice
        time.sleep(5)
    assert ArchiveDocument.objects.count() == 4
    stored = sorted(path.name for path in folder.iterdir())
    assert stored == sorted(row.external_id for row in ArchiveDocument.objects.all())
    decision = folder / f"kuty-decision-{documents.decisions.get().pk}"
    assert pdfa.problems((decision / "document.pdf").read_bytes()) == []
    meta = json.loads((decision / "metadata.json").read_text())
    jsonschema.validate(meta, archive.SCHEMA)
    assert meta["file"]["format"] == "PDF/A-3B"
    assert datetime.date.fromisoformat(meta["dates"]["document"]) == TODAY


def test_the_closure_summary_is_archived_as_pdfa(world, placed, made, client):
    from tests.followup.test_closure import closure_post, end_service

    end_service(client, world, made)
    response = client.post(f"/asiakkuudet/{placed.case_id}/paattaminen/", closure_post())
    assert response.status_code == 302
    archive.queue_documents()
    row = ArchiveDocument.objects.get(kind="closure")
    with row.pdf.open("rb") as stored:
        content = stored.read()
    assert pdfa.problems(content) == []
    assert "ammattiopistossa" in text_of(content)
    assert row.metadata["document_type"]["name"] == "Yhteenveto palvelun päättyessä"
    jsonschema.validate(row.metadata, archive.SCHEMA)

"""Files on S3-compatible object storage (issue 15, item 6): nothing a request writes
stays on one web host.

A real S3-compatible server process (moto's, on 127.0.0.1) stands in for MinIO or AWS;
the files go through kuty's real views and are read back from the bucket with boto3."""

import io
import socket
import uuid

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer
from pypdf import PdfReader

from clients.models import AccessLog, Attachment
from core import storage

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REGION = "eu-north-1"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, tmp_path):
    """A fresh private bucket, configured the way production is: from the environment."""
    environ = {
        "KUTY_S3_BUCKET": f"kuty-{uuid.uuid4().hex[:12]}",
        "KUTY_S3_ENDPOINT_URL": s3_server,
        "KUTY_S3_REGION": REGION,
        "KUTY_S3_ACCESS_KEY_ID": "kuty-test",
        "KUTY_S3_SECRET_ACCESS_KEY": "kuty-test-secret",
        "KUTY_S3_PREFIX": "kuty/",
    }
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name=REGION,
        aws_access_key_id="kuty-test",
        aws_secret_access_key="kuty-test-secret",
    )
    name = environ["KUTY_S3_BUCKET"]
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {**settings.STORAGES, "default": storage.default_storage(environ)}
    settings.MEDIA_ROOT = tmp_path  # nothing may land here
    return s3, name


def keys(s3, name: str) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=name).get("Contents", [])]


def test_without_a_bucket_files_stay_local():
    assert storage.default_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    chosen = storage.default_storage({"KUTY_S3_BUCKET": "kuty", "KUTY_S3_REGION": REGION})
    assert chosen["BACKEND"] == "storages.backends.s3.S3Storage"
    assert chosen["OPTIONS"]["file_overwrite"] is False  # as on disk: a taken name is kept


def test_attachment_is_stored_in_the_bucket_and_served_only_through_the_gated_view(
    client, world, bucket, tmp_path
):
    s3, name = bucket
    client.force_login(world.alice)
    response = client.post(
        f"/asiakkuudet/{world.case.pk}/liitteet/uusi/",
        {"title": "Kykyviisari", "file": SimpleUploadedFile("tulos.pdf", PDF)},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    key = f"kuty/{attachment.file.name}"
    assert keys(s3, name) == [key]
    assert s3.get_object(Bucket=name, Key=key)["Body"].read() == PDF
    grantees = [
        grant["Grantee"].get("URI") for grant in s3.get_object_acl(Bucket=name, Key=key)["Grants"]
    ]
    assert ALL_USERS not in grantees  # private: no public read
    assert list(tmp_path.iterdir()) == []  # nothing on this web host's disk

    before = AccessLog.objects.count()
    download = client.get(f"/asiakkuudet/{world.case.pk}/liitteet/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Cache-Control"] == "no-store"
    assert AccessLog.objects.count() == before + 1  # the download is logged, once
    client.force_login(world.olli)
    assert client.get(f"/asiakkuudet/{world.case.pk}/liitteet/{attachment.pk}/").status_code == 404


def test_made_decision_pdf_is_stored_in_the_bucket_and_readable(
    client, world, draft, bucket, tmp_path
):
    s3, name = bucket
    client.force_login(world.alice)
    url = f"/asiakkuudet/{draft.case_id}/paatokset/{draft.pk}/"
    # made after the summary is confirmed (issue 27, item 6)
    assert client.post(url + "tee/", {"vahvistettu": "kylla"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "made"
    key = f"kuty/{draft.pdf.name}"
    assert keys(s3, name) == [key]
    stored = s3.get_object(Bucket=name, Key=key)["Body"].read()
    pages = PdfReader(io.BytesIO(stored)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    client_name = draft.case.client.full_name
    assert "PÄÄTÖS" in text
    assert client_name in text
    assert list(tmp_path.iterdir()) == []

    served = client.get(url + "paatos.pdf")
    assert served.status_code == 200
    assert served.content == stored  # the stored document, read back from the bucket

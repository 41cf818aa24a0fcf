"""docker-compose.yml is the production shape (issue 15, item 6). No Docker engine runs
here, so the file is read as YAML and checked for what scaling out needs."""

from pathlib import Path

import yaml

from core import storage

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_every_kuty_container_stores_files_in_the_shared_bucket():
    services = compose()["services"]
    for name in ("web", "worker", "beat", "migrate"):
        environment = services[name]["environment"]
        assert environment["KUTY_S3_BUCKET"], name
        assert environment["KUTY_S3_ENDPOINT_URL"].endswith("//minio:9000}"), name
    chosen = storage.default_storage({"KUTY_S3_BUCKET": "kuty"})
    assert chosen["BACKEND"] == "storages.backends.s3.S3Storage"


def test_no_kuty_container_keeps_files_on_a_volume_of_its_own():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        assert "volumes" not in services[name], name
    assert "objects" in compose()["volumes"]  # MinIO's data, not kuty's


def test_object_storage_is_private_and_ready_before_kuty_starts():
    services = compose()["services"]
    assert "ports" not in services["minio"]  # only kuty's containers reach it
    script = services["buckets"]["command"][0]
    assert "mc anonymous set none" in script  # no public read
    assert services["web"]["depends_on"]["buckets"] == {
        "condition": "service_completed_successfully"
    }


def test_exactly_one_beat_and_an_optional_replica():
    services = compose()["services"]
    assert services["beat"]["deploy"] == {"replicas": 1}
    assert services["web"]["environment"]["DATABASE_REPLICA_URL"] == "${DATABASE_REPLICA_URL:-}"

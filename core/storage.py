"""Where uploaded and generated files live: Django's STORAGES, from the environment.

Case attachments and the stored PDFs (decisions, placement notices, closure summaries)
are written through `FileField`s, which use `STORAGES["default"]`. By default that is
the local file system under MEDIA_ROOT (one host: the dev runner, a single container).
With `KUTY_S3_BUCKET` set it is S3-compatible object storage (django-storages: AWS S3,
MinIO, Ceph, UpCloud, Hetzner …), so a file written by one web container is read by
any other and no web host keeps state (docs/operations.md "Running several containers").

Files are never served from the bucket: every download goes through kuty's gated view
(one access-log row, 404 out of scope), which reads the object with the storage's own
credentials and streams it. So the bucket stays private, no pre-signed URL escapes the
access log, and the pages' Content-Security-Policy needs no other origin.
"""

from __future__ import annotations

from collections.abc import Mapping

S3_BACKEND = "storages.backends.s3.S3Storage"
LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"


def default_storage(environ: Mapping[str, str]) -> dict:
    """`STORAGES["default"]` for this environment."""
    bucket = environ.get("KUTY_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": LOCAL_BACKEND}
    options = {
        "bucket_name": bucket,
        # Empty: AWS itself; MinIO and other S3-compatible services give their URL.
        "endpoint_url": environ.get("KUTY_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("KUTY_S3_REGION") or None,
        # Empty keys: boto3's own chain (instance role, AWS_* variables, ~/.aws).
        "access_key": environ.get("KUTY_S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("KUTY_S3_SECRET_ACCESS_KEY") or None,
        # Everything under one prefix, so a bucket can be shared with other data.
        "location": environ.get("KUTY_S3_PREFIX", "").strip("/"),
        # Two decisions' PDFs never overwrite each other: the same rule as on local
        # disk (a name taken gets a suffix), not S3Storage's default of overwriting.
        "file_overwrite": False,
        # No ACL header: the object inherits the bucket's (private) policy; buckets
        # with ACLs disabled (AWS's default since 2023) refuse any other ACL.
        "default_acl": None,
        # Should anything ever ask for a URL, it is signed and lives one minute.
        "querystring_auth": True,
        "querystring_expire": 60,
        # MinIO and most self-hosted servers want path-style addresses.
        "addressing_style": environ.get("KUTY_S3_ADDRESSING_STYLE") or "path",
        "signature_version": "s3v4",
    }
    encryption = environ.get("KUTY_S3_SERVER_SIDE_ENCRYPTION", "").strip()
    if encryption:  # e.g. AES256 or aws:kms: encryption at rest, where the service offers it
        options["object_parameters"] = {"ServerSideEncryption": encryption}
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}

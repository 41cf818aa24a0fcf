"""Run by tests/kuty/test_replica.py in a process of its own, whose environment decides
whether a replica is configured (settings are read once, at start).

Prints JSON: the database aliases, and for each page asked for, which connection ran
which SQL."""

import json
import sys

import django

django.setup()

from django.db import connections, router, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from accounts.models import Site, User  # noqa: E402
from clients.models import AccessLog  # noqa: E402
from core.db import replica_reads  # noqa: E402


def main() -> None:
    found: dict = {"aliases": sorted(connections.settings)}
    found["write_alias"] = router.db_for_write(AccessLog)
    with replica_reads():
        found["read_alias"] = router.db_for_read(Site)
        with transaction.atomic():
            found["read_alias_in_transaction"] = router.db_for_read(Site)
    if "replica" in connections.settings:
        setup_test_environment()
        client = Client()
        for username, url in zip(sys.argv[1::2], sys.argv[2::2], strict=True):
            client.force_login(User.objects.get(username=username))
            with (
                CaptureQueriesContext(connections["default"]) as primary,
                CaptureQueriesContext(connections["replica"]) as replica,
            ):
                response = client.get(url)
            found[url] = {
                "status": response.status_code,
                "body": response.content.decode(),
                "default": [query["sql"] for query in primary.captured_queries],
                "replica": [query["sql"] for query in replica.captured_queries],
            }
    print(json.dumps(found))


main()

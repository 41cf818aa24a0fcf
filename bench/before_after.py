"""Before/after of issue 15's fixes, on the bench's national database.

    DATABASE_URL=…/<name>_bench .venv/bin/python bench/before_after.py

Each fix is timed against the code it replaced (kept here, verbatim in effect), in the
same run, on the same data: the median of a few runs. Writes nothing but the bulk-insert
case, which runs in a transaction that is rolled back. Its output is pasted into
bench/RESULTS.md's notes.
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuty.settings")
os.environ.setdefault("DEBUG", "false")


def timed(run, repeats: int = 5) -> float:
    run()
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def line(what: str, before: float, after: float) -> str:
    return f"| {what} | {before * 1000:.1f} ms | {after * 1000:.1f} ms | {before / after:.1f}× |"


def te_scope() -> str:
    from django.db.models import Exists, OuterRef, Q

    from accounts.models import Role, User
    from clients.models import Case, Consent
    from plans.models import ActivationPlan, Party

    officer = User.objects.get(username="te")
    te_orgs = officer.organizations_as(Role.EMPLOYMENT_OFFICER)

    def old_scope():
        consents = Consent.objects.in_force().filter(
            client=OuterRef("client"), organization__in=te_orgs
        )
        return Case.objects.filter(Q(pk__in=[]) | Q(Exists(consents), closed_on__isnull=True))

    def queue(cases):
        return list(
            ActivationPlan.objects.filter(case__in=cases)
            .awaiting_signature_of(Party.EMPLOYMENT_AUTHORITY)
            .order_by("-updated_at", "-pk")[:25]
            .values_list("pk", flat=True)
        )

    before = timed(lambda: queue(old_scope()))
    after = timed(lambda: queue(Case.objects.visible_to(officer)))
    return line(
        "TE officer's plans to sign, first page (scope: EXISTS per case → IN)", before, after
    )


def directory() -> str:
    from django.db.models import Count, F, Q
    from django.utils import timezone

    from accounts.models import Site
    from decisions.models import DecisionStatus
    from placements.services import directory_search

    today = timezone.localdate()
    live = [DecisionStatus.MADE, DecisionStatus.NOTIFIED, DecisionStatus.IN_FORCE]

    def old():
        return list(
            Site.objects.active()
            .annotate(
                occupied=Count(
                    "placements",
                    filter=Q(
                        placements__start_on__lte=today,
                        placements__end_on__gte=today,
                        placements__decision__status__in=live,
                    ),
                )
            )
            .annotate(free=F("capacity") - F("occupied"))
            .filter(free__gt=0)
            .order_by("name")[:20]
        )

    before = timed(old)
    after = timed(lambda: list(directory_search({"free_places": True})[:20]))
    return line("directory, free places (every placement grouped → current ones)", before, after)


def jit() -> str:
    from django.db import connection

    from accounts.models import User
    from clients.models import Case

    worker = User.objects.get(username="sosiaalityo")

    def overdue_page():
        return list(
            Case.objects.workable_by(worker)
            .overdue()
            .select_related("client", "municipality", "responsible_worker")[:25]
        )

    with connection.cursor() as cursor:
        cursor.execute("SET jit = on")
        before = timed(overdue_page)
        cursor.execute("SET jit = off")
    after = timed(overdue_page)
    return line("case list, all + overdue (JIT on → off)", before, after)


def projected_date() -> str:
    from django.utils import timezone

    from core import law
    from placements.models import Placement
    from placements.services import planned_days, present_days

    def old_limit_reached_on(past_days, planned, limit):
        days = sorted(set(past_days))
        for day in sorted(planned):
            days.append(day)
            if law.days_in_window(days, day) >= limit:
                return day
        return None

    today = timezone.localdate()
    placement = (
        Placement.objects.filter(start_on__lte=today, end_on__gte=today)
        .order_by("start_on")
        .first()
    )
    past = present_days([placement.pk]).get(placement.case_id, [])
    planned = planned_days(placement, today)
    before = timed(lambda: old_limit_reached_on(past, planned, 178))
    after = timed(lambda: law.limit_reached_on(past, planned, 178))
    return line(
        f"projected limit date, law part ({len(past)} past + {len(planned)} planned days)",
        before,
        after,
    )


OLD_SHOULD_IGNORE = """
CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(trigger_name NAME)
RETURNS BOOLEAN AS $$
    DECLARE _pgtrigger_ignore TEXT[]; _result BOOLEAN;
    BEGIN
        BEGIN
            SELECT INTO _pgtrigger_ignore CURRENT_SETTING('pgtrigger.ignore');
            EXCEPTION WHEN OTHERS THEN
        END;
        IF _pgtrigger_ignore IS NOT NULL THEN
            SELECT trigger_name = ANY(_pgtrigger_ignore) INTO _result;
            RETURN _result;
        ELSE
            RETURN FALSE;
        END IF;
    END;
$$ LANGUAGE plpgsql;
"""


def bulk_history(rows: int = 10_000) -> str:
    """Insert `rows` clients and their cases in one transaction (history triggers and the
    deferred foreign keys on), with pgtrigger's and pghistory's original helper functions
    and with ours; both rolled back."""
    from django.db import connection, transaction

    from core.triggers import CHEAP_TRIGGER_FUNCTIONS

    insert = """
        INSERT INTO clients_client (hetu, identifier_kind, identifier_reason, first_names,
          last_name, phone, email, street_address, postal_code, post_office, language,
          interpreter_needed, support_person, created_at, home_municipality_id, registrar_id)
        SELECT 'X' || g, 'hetu', '', 'A', 'B', '', '', '', '', '', 'fi', false, '', now(),
          o.id, o.id
        FROM generate_series(1, %s) g,
          (SELECT id FROM accounts_organization WHERE kind = 'municipality' LIMIT 1) o;
        INSERT INTO clients_case (phase, opened_on, municipality_id, responsible_worker_id,
          client_id)
        SELECT 'assessment', current_date, c.registrar_id,
          (SELECT min(id) FROM accounts_user), c.id
        FROM clients_client c WHERE c.hetu LIKE 'X%%';
    """
    from pghistory.models import Context

    timings = []
    for functions in ("old", "new"):
        with transaction.atomic(), connection.cursor() as cursor:
            if functions == "old":
                cursor.execute(OLD_SHOULD_IGNORE)
                Context.install_pgh_attach_context_func()
            else:
                cursor.execute(CHEAP_TRIGGER_FUNCTIONS)
            started = time.perf_counter()
            cursor.execute(insert, [rows])
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred checks, now
            timings.append(time.perf_counter() - started)
            transaction.set_rollback(True)
    return line(f"bulk insert of {rows} clients + cases with history", *timings)


def main() -> None:
    import django

    django.setup()
    print(f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M}, median of 5 runs.\n")
    print("| fix | before | after | |\n| --- | ---: | ---: | ---: |")
    for measure in (te_scope, directory, jit, projected_date, bulk_history):
        print(measure(), flush=True)


if __name__ == "__main__":
    main()

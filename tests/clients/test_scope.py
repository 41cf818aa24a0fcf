"""The scope of client data is written once, in SQL (clients/scope.py, accounts/scope.py),
and PostgreSQL inlines it into every statement that asks."""

from pathlib import Path

from django.db import connection
from django.utils import timezone

from accounts.models import Role, Site
from clients.models import Case, Consent
from placements.models import Placement
from tests.factories import ConsentFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "clients", "plans", "decisions", "placements", "followup", "reports", "kuty")
SCOPE_MODULES = {"accounts/scope.py", "clients/scope.py"}
# the national seed writes memberships in bulk; it asks no question of scope
SEEDERS = {"kuty/scale.py"}


def _sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative:
                yield relative, path.read_text()


def test_no_second_copy_of_the_scope_in_sql():
    """Only the scope modules join the memberships in SQL; everyone else reads them."""
    copies = [
        name
        for name, text in _sources()
        if "accounts_membership" in text and name not in SCOPE_MODULES | SEEDERS
    ]
    assert not copies, f"SQL over the memberships outside the scope modules: {copies}"


def test_no_role_is_spelled_as_a_literal_in_sql():
    literals = [f"'{role.value}'" for role in Role]
    found = [
        (name, literal) for name, text in _sources() for literal in literals if literal in text
    ]
    assert not found, f"roles written as SQL literals (use Role): {found}"


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _explain(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_scope_functions_are_inlined_into_the_statement(world):
    """A function PostgreSQL cannot inline would be a black box run per statement
    (a Function Scan), hiding the indexes; inlined, only the tables show."""
    from accounts.scope import SUPERVISED_SITE_IDS_SQL
    from clients.scope import REACH_SQL, SHARED_CASE_IDS_SQL

    today = timezone.localdate()
    for sql, params, table in (
        (REACH_SQL, [world.alice.pk, world.alice.pk], "accounts_membership"),
        (SHARED_CASE_IDS_SQL, [today, [world.te_office.pk]], "clients_consent"),
        (SUPERVISED_SITE_IDS_SQL, [world.pekka.pk], "accounts_membership"),
    ):
        plan = _explain(sql, params)
        assert "Function Scan" not in plan, plan
        assert table in plan, plan


def test_the_lists_ask_with_the_users_own_ids(world):
    """The municipality's index serves the case list, as before the scope moved to SQL:
    the work scope's municipalities are the statement's parameters."""
    assert "municipality_id" in _plan(Case.objects.workable_by(world.alice))
    assert "clients_consent" in _plan(Case.objects.visible_to(world.tero))
    assert "Function Scan" not in _plan(Placement.objects.supervised_by(world.pekka))
    assert "Function Scan" not in _plan(Site.objects.supervised_by(world.pekka))


def test_the_installed_functions_are_the_ones_the_code_renders(db):
    """The functions come from the code's Role values after every migrate."""
    from accounts import scope as accounts_scope
    from clients import scope as clients_scope

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT proname, prosrc FROM pg_proc WHERE proname = ANY(%s)",
            [
                [
                    accounts_scope.SUPERVISION_SCOPE,
                    clients_scope.WORK_SCOPE,
                    clients_scope.SHARE_ORGS,
                    clients_scope.CONSENTED,
                ]
            ],
        )
        installed = dict(cursor.fetchall())
    rendered = "".join(accounts_scope.definitions() + clients_scope.definitions())
    assert len(installed) == 4
    for body in installed.values():
        assert body.strip() in rendered


def test_withdrawing_a_consent_ends_the_shared_read_at_once(world):
    consent = ConsentFactory(client=world.case.client, organization=world.te_office)
    assert Case.objects.visible_to(world.tero).filter(pk=world.case.pk).exists()
    Consent.objects.filter(pk=consent.pk).update(withdrawn_at="2026-01-01T00:00:00Z")
    assert not Case.objects.visible_to(world.tero).filter(pk=world.case.pk).exists()
    assert not Case.objects.visible_to(world.tero).filter(pk=world.other_case.pk).exists()


def test_installing_replaces_a_function_of_another_shape(as_owner):
    """An older database holds the first draft's function (case ids): migrate installs
    the new one instead of failing on 'cannot change return type'."""
    from kuty.apps import install_scope_functions

    with connection.cursor() as cursor:
        cursor.execute("DROP FUNCTION kuty_work_scope()")
        cursor.execute(
            "CREATE FUNCTION kuty_work_scope() RETURNS TABLE (case_id bigint, user_id bigint) "
            "LANGUAGE sql STABLE AS $$ SELECT 1::bigint, 1::bigint $$"
        )
    install_scope_functions()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_function_result('kuty_work_scope'::regproc)")
        assert "municipality_id" in cursor.fetchone()[0]

"""Personas: one of each role in a small region, and outsiders of other organisations.

alice  social worker of Seinäjoki            (social_worker)
tero   officer of the employment authority   (te_officer)
pekka  supervisor of the Pajuluoma site      (supervisor)
kaisa  regional coordinator                  (coordinator)
paula  administrator of Seinäjoki            (admin, is_staff)
olli   social worker of Lapua: the outsider  (social_worker, other organisation)
otto   supervisor of another provider's site (supervisor, other organisation)
hanna  work-ability coordinator of the team  (team_coordinator, health services)
"""

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

from accounts.models import Organization, Role, Site, User
from clients.models import Case
from decisions.models import AllowanceRate
from decisions.rates import ensure_allowance_rates
from followup.defaults import ensure_defaults
from followup.models import CapacityDomain, EvaluationForm, EvaluationItem
from plans.models import PlanType
from plans.plan_types import ensure_plan_types
from tests.factories import (
    CaseFactory,
    ConsentFactory,
    MunicipalityFactory,
    OrganizationFactory,
    ProviderFactory,
    SiteFactory,
    member,
)

RUN_THE_TESTS = (
    "Run the tests with `python3 scripts/dev.py test` (it starts what is missing), or"
    " give plain pytest DATABASE_URL=postgresql://<administrator>@<host>/<database>"
    " (a superuser or a role with CREATEROLE; it makes the two database roles as the"
    " runner does), or both DATABASE_URL (the application role) and DATABASE_OWNER_URL"
    " (the owner)."
)


def pytest_configure(config: pytest.Config) -> None:
    """Plain `pytest` runs as `python3 scripts/dev.py test` does, or stops saying why.

    pytest-django has read the settings before any conftest, but no connection is open
    yet, so the database settings can still be switched to the two roles."""
    if config.option.help or config.option.version:
        return
    from django.conf import settings

    from kuty.i18n_build import compile_messages

    compile_messages()  # .mo files are built, never committed (the runner does the same)
    admin = None
    if not settings.DATABASE_OWNER_URL:
        admin = settings.DATABASE_URL
        _use_the_roles(settings, _database_roles(admin))
    _no_test_database_of_another_role(settings, admin)
    _redis_answers(settings.REDIS_URL)


def _stop(reason: str, *, how: str = RUN_THE_TESTS) -> NoReturn:
    pytest.exit(f"{reason} {how}", returncode=pytest.ExitCode.USAGE_ERROR)


def _database_roles(admin: str) -> dict[str, str]:
    """The runner's own `database_roles`: the owner and the application role, made from
    an administrator's URL (core.dbroles)."""
    import psycopg

    path = Path(__file__).resolve().parent.parent / "scripts" / "dev.py"
    spec = importlib.util.spec_from_file_location("kuty_dev_runner", path)
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    try:
        return runner.database_roles({"DATABASE_URL": admin})
    except psycopg.Error as error:
        _stop(
            "DATABASE_OWNER_URL is not set, and DATABASE_URL could not make the database"
            f" roles: {str(error).strip().rstrip('.')}."
        )


def _use_the_roles(settings, roles: dict[str, str]) -> None:
    import dj_database_url

    os.environ.update(roles)  # for the processes the tests start (a Celery worker)
    # core.dbroles' name for the administrator's URL (tests/kuty/test_plain_pytest.py).
    os.environ.setdefault("DATABASE_ADMIN_URL", settings.DATABASE_URL)
    app = dj_database_url.parse(roles["DATABASE_URL"])
    settings.DATABASES["default"].update(USER=app["USER"], PASSWORD=app["PASSWORD"])
    settings.DATABASE_URL = roles["DATABASE_URL"]
    settings.DATABASE_OWNER_URL = roles["DATABASE_OWNER_URL"]
    settings.DATABASE_APP_USER = roles["DATABASE_APP_USER"]


def _no_test_database_of_another_role(settings, admin: str | None) -> None:
    """A test database an earlier run made as another role (the superuser, before plain
    pytest made the roles) cannot be dropped by the owner: "must be owner of database".
    The administrator, when we have one, drops it; otherwise say how."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    from core.dbroles import with_database

    database = settings.DATABASES["default"]
    name = (database.get("TEST") or {}).get("NAME") or f"test_{database['NAME']}"
    owner = dj_database_url.parse(settings.DATABASE_OWNER_URL)["USER"]
    try:
        url = with_database(admin or settings.DATABASE_OWNER_URL, "postgres")
        with psycopg.connect(url, autocommit=True) as connection:
            row = connection.execute(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if row is None or row[0] == owner:
                return
            if admin:
                connection.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
                return
    except psycopg.Error as error:
        _stop(f"The test database {name} could not be checked: {str(error).strip().rstrip('.')}.")
    _stop(
        f"The test database {name} belongs to {row[0]}, not to {owner}, which creates and"
        ' drops it, so it cannot be dropped ("must be owner of database"); a run as'
        " another role left it.",
        how=f"Drop it once as the administrator (DROP DATABASE {name}), or run plain"
        " pytest once with DATABASE_URL set to the administrator's URL, which drops it.",
    )


def _redis_answers(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        _stop(f"Redis (REDIS_URL) does not answer: {str(error).rstrip('.')}.")


@dataclass
class World:
    region: Organization
    seinajoki: Organization
    lapua: Organization
    te_office: Organization
    provider: Organization
    other_provider: Organization
    site: Site
    other_site: Site
    alice: User
    tero: User
    pekka: User
    kaisa: User
    paula: User
    olli: User
    otto: User
    tuula: User
    sami: User
    case: Case
    other_case: Case
    team: Organization | None = None  # the work-ability team of the health services
    hanna: User | None = None  # its work-ability coordinator (team_coordinator)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The owner creates and migrates the test database (tests/dbroles)."""
    from tests.dbroles import _switch, owner_settings

    return _switch("default", owner_settings())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_modify_db_settings):
    """… and the tests then run as the application's role, like the product."""
    from tests.dbroles import _switch

    owner = _switch("default", django_db_modify_db_settings)
    yield
    _switch("default", owner)  # the owner drops the test database


@pytest.fixture
def as_owner(transactional_db):
    """For a test that migrates (DDL), which only the owner may do."""
    from tests.dbroles import connected_as_owner

    with connected_as_owner():
        yield


@pytest.fixture(scope="session", autouse=True)
def empty_the_runs_queue():
    """The messages the tests published onto the run's own queue (kuty.settings_test)
    are not left behind in Redis."""
    yield
    import redis
    from django.conf import settings

    redis.Redis.from_url(settings.REDIS_URL).delete(settings.CELERY_TASK_DEFAULT_QUEUE)


@pytest.fixture
def celery_eager():
    """Tasks queued in this test run at once, in the test's process."""
    from kuty.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False
    app.conf.task_eager_propagates = False


@pytest.fixture(autouse=True)
def unthrottled():
    """DRF's anonymous throttle counts in the shared cache (Redis) per address: each
    test starts with none of the earlier tests' requests to the token endpoint."""
    from django.core.cache import cache

    cache.delete("throttle_anon_127.0.0.1")


@pytest.fixture(autouse=True)
def finnish():
    """Each test starts in Finnish: a request's language stays active in its thread."""
    from django.utils import translation

    translation.activate("fi")
    yield
    translation.activate("fi")


@pytest.fixture
def world(db) -> World:
    # Plan types come from a data migration; tests with transaction=True flush them.
    ensure_plan_types(PlanType)
    ensure_defaults(EvaluationForm, EvaluationItem, CapacityDomain)
    ensure_allowance_rates(AllowanceRate)
    region = OrganizationFactory(name="Etelä-Pohjanmaa", kind=Organization.Kind.REGION)
    seinajoki = MunicipalityFactory(name="Seinäjoki", municipality_code="743", parent=region)
    lapua = MunicipalityFactory(name="Lapua", municipality_code="408", parent=region)
    te_office = OrganizationFactory(name="Työllisyysalue", kind=Organization.Kind.TE_OFFICE)
    team = OrganizationFactory(name="Työkykytiimi", kind=Organization.Kind.WORKABILITY_TEAM)
    provider = ProviderFactory(name="Työpajat")
    other_provider = ProviderFactory(name="Säätiö")
    site = SiteFactory(organization=provider, municipality=seinajoki, name="Pajuluoma")
    other_site = SiteFactory(organization=other_provider, municipality=lapua, name="Toivo")
    paula = member(Role.ADMIN, seinajoki, username="paula", is_staff=True)
    alice = member(Role.SOCIAL_WORKER, seinajoki, username="alice")
    olli = member(Role.SOCIAL_WORKER, lapua, username="olli")
    case = CaseFactory(
        client__first_names="Maija",
        client__last_name="Meikäläinen",
        client__home_municipality=seinajoki,
        municipality=seinajoki,
        responsible_worker=alice,
    )
    other_case = CaseFactory(
        client__first_names="Leo",
        client__last_name="Lapualainen",
        client__home_municipality=lapua,
        municipality=lapua,
        responsible_worker=olli,
    )
    return World(
        region=region,
        seinajoki=seinajoki,
        lapua=lapua,
        te_office=te_office,
        provider=provider,
        other_provider=other_provider,
        site=site,
        other_site=other_site,
        alice=alice,
        tero=member(Role.TE_OFFICER, te_office, username="tero"),
        pekka=member(Role.SUPERVISOR, provider, sites=[site], username="pekka"),
        kaisa=member(Role.COORDINATOR, region, username="kaisa"),
        paula=paula,
        olli=olli,
        otto=member(Role.SUPERVISOR, other_provider, sites=[other_site], username="otto"),
        tuula=member(Role.PRIVACY_OFFICER, seinajoki, username="tuula"),
        sami=member(Role.SOCIAL_WORKER, seinajoki, username="sami"),
        case=case,
        other_case=other_case,
        team=team,
        hanna=member(Role.TEAM_COORDINATOR, team, username="hanna"),
    )


@pytest.fixture
def shared_case(world):
    """alice's case, shared with tero's office by consent."""
    ConsentFactory(client=world.case.client, organization=world.te_office)
    return world.case


# plan, ready_case, draft and made are shared by several test folders
from tests.decisions.conftest import draft, made, ready_case  # noqa: E402, F401
from tests.plans.conftest import plan  # noqa: E402, F401

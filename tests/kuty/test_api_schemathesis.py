"""Schemathesis over every operation of /api/schema/, as every role (issue 16, item 1).

The schema is generated from the code at collection time, so each operation is its own
test; the demo data (seed_demo) is loaded once for the module inside a transaction that
is rolled back at the end, and each generated request runs in its own savepoint that is
rolled back too, so every request meets the same demo data (deterministic for
Hypothesis, and a DELETE of the token in use cannot log the next request out). Integer
path ids are mapped, half of the time, onto ids that exist in the demo data, so the
requests reach real objects as well as missing ones."""

import io
import json
import os
from dataclasses import dataclass

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis import checks as st_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi import checks as openapi_checks

from accounts.services import api_token_issue
from kuty.wsgi import application

OTHER_ROLES = ["te", "ohjaaja", "koordinaattori", "paakayttaja", None]
CHECKS = [
    st_checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
]


def _raw_schema() -> dict:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


def _schema(phases: dict) -> schemathesis.schemas.BaseSchema:
    config = SchemathesisConfig.from_dict({"phases": phases})
    loaded = schemathesis.openapi.from_dict(_raw_schema(), config=config)
    loaded.app = application
    return loaded


# The social worker, who can write nearly everything, meets every phase: the schema's
# examples, the coverage phase (boundaries and each kind of wrong input: missing fields,
# wrong types, unsupported methods) and Hypothesis' fuzzing. The other roles, whose
# differences are what they may see and do, and the anonymous caller, meet the fuzzing:
# on 2 cores the whole coverage phase for every role would take a quarter of an hour.
schema = _schema({})
quick_schema = _schema({"coverage": {"enabled": False}})


@dataclass
class Demo:
    tokens: dict[str, str]
    ids: dict[str, list]


# The demo's existing objects, per the first path segment after /api/v1/.
def _known_ids() -> dict[str, list]:
    from accounts.models import ApiToken, Organization, Site
    from clients.models import Case, Client, Consent
    from decisions.models import Decision
    from followup.models import CapacityAssessment, Closure, Evaluation, Reminder, Review
    from placements.models import Placement
    from plans.models import ActivationPlan, Assessment

    models = {
        "organizations": Organization,
        "sites": Site,
        "clients": Client,
        "cases": Case,
        "consents": Consent,
        "assessments": Assessment,
        "activation-plans": ActivationPlan,
        "decisions": Decision,
        "placements": Placement,
        "evaluations": Evaluation,
        "capacity-assessments": CapacityAssessment,
        "reviews": Review,
        "closures": Closure,
        "reminders": Reminder,
    }
    ids = {
        name: sorted(model.objects.values_list("pk", flat=True)) for name, model in models.items()
    }
    ids["auth"] = sorted(ApiToken.objects.values_list("token_key", flat=True))
    return ids


_demo: Demo | None = None


def _as_a_test_case() -> transaction.Atomic:
    """A block rolled back afterwards, marked as Django's TestCase marks its own: the
    services are durable (`transaction.atomic(durable=True)`, issue 23) and refuse to
    run inside any other transaction, except a test's."""
    block = transaction.atomic()
    block._from_testcase = True
    return block


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    global _demo
    from accounts.models import User

    # As Django's test client does: a request must not close the test's connection (and
    # with it the transactions this module and each test run in).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock(), _as_a_test_case():
        call_command("seed_demo", stdout=io.StringIO())
        tokens = {}
        for username in ["sosiaalityo", *OTHER_ROLES[:-1]]:
            tokens[username] = api_token_issue(user=User.objects.get(username=username))[1]
        _demo = Demo(tokens=tokens, ids=_known_ids())
        yield _demo
        _demo = None
        transaction.set_rollback(True)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schemathesis.hook
def map_path_parameters(context, path_parameters):
    """Half of the ids onto an object that exists in the demo data (a token's key for
    /auth/tokens/{id}/, a number elsewhere); deterministic, as Hypothesis needs."""
    value = (path_parameters or {}).get("id")
    if _demo is None or value is None or isinstance(value, bool):
        return path_parameters
    if isinstance(value, int):
        pick = value // 2 if value % 2 == 0 else None
    elif isinstance(value, str) and context.operation.path.startswith("/api/v1/auth/"):
        pick = len(value) // 2 if len(value) % 2 == 0 else None
    else:
        pick = None
    known = _demo.ids.get(context.operation.path.split("/")[3]) or []
    if pick is not None and known:
        path_parameters = {**path_parameters, "id": known[pick % len(known)]}
    return path_parameters


class _Rollback(Exception):
    pass


def _call_and_validate(case, token: str | None) -> None:
    """One request in a savepoint rolled back at once, then the checks."""
    headers = {"Authorization": f"Token {token}"} if token else {}
    response = None
    try:
        with _as_a_test_case():
            response = case.call(headers=headers)
            raise _Rollback
    except _Rollback:
        pass
    if os.environ.get("KUTY_SCHEMATHESIS_CHECKS") == "all":
        # Not positive_data_acceptance: a schema-valid body may still name a case that
        # does not exist or is not the caller's, which is rightly refused (400/404).
        case.validate_response(
            response, excluded_checks=[openapi_checks.positive_data_acceptance], headers=headers
        )
    else:
        case.validate_response(response, checks=CHECKS, headers=headers)


# KUTY_SCHEMATHESIS_CHECKS=all runs every check schemathesis has (negative data
# rejected, auth not ignored, …) but positive_data_acceptance, not only the four above.
# Fuzzing cases per operation (the other roles get 5/8 of it): 8 keeps the suite's run
# to a few minutes on 2 cores; KUTY_SCHEMATHESIS_EXAMPLES=200 for a long look.
EXAMPLES = int(os.environ.get("KUTY_SCHEMATHESIS_EXAMPLES", "8"))
HYPOTHESIS = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
}


@pytest.mark.schemathesis
@schema.parametrize()
@settings(max_examples=EXAMPLES, **HYPOTHESIS)
def test_api_conforms_to_its_schema_for_the_social_worker(db, demo, case):
    _call_and_validate(case, demo.tokens["sosiaalityo"])


@pytest.mark.schemathesis
@pytest.mark.parametrize("role", OTHER_ROLES, ids=lambda role: role or "anonymous")
@quick_schema.parametrize()
@settings(max_examples=max(EXAMPLES * 5 // 8, 1), **HYPOTHESIS)
def test_api_conforms_to_its_schema_for_every_other_role(db, demo, role, case):
    _call_and_validate(case, demo.tokens[role] if role else None)

# ruff: noqa: S608 - SQL from constant fragments and Role values of this codebase
"""Which cases a user may work on or see, written once in SQL (issue 23).

`LANGUAGE sql STABLE` functions of one SELECT each, which PostgreSQL inlines into the
calling statement (a filter on the user, the municipality or the case reaches the
indexes as if the join were written in place):

- `kuty_work_scope()` → (municipality_id, user_id): the organiser's social workers work
  on the cases of their municipality (Right.WORK). Keyed by municipality, so "the cases
  of this user" keeps the case list's index and "the workers of this case" (the
  reminders' recipients) needs no self-join. A substitute grant (CaseGrant) documents a
  colleague's client relationship and never widens this scope.
- `kuty_share_orgs()` → (organization_id, user_id): the employment-authority
  organisations whose clients' consents share cases with the user.
- `kuty_consented_cases(today)` → (case_id, organization_id, consent_id): the open case
  of a client who has given the organisation a consent in force on `today`
  (`consent_id` names it for the disclosure log). A withdrawal takes effect at once.

Reading (Right.READ, Right.CO_SIGN) is work or share. A request asks the first two
once (`reach`) and passes the ids to the statements as parameters: PostgreSQL then plans
with their real statistics (measured: a join through the memberships made it guess 40×
too few consents and choose nested loops, 2× slower at national scale).

`Case.objects.workable_by` / `visible_to`, every kind's scope in the catalogue, the
gates, the lists and the reminders' recipients read these functions; nothing else
restates the rule. The roles come from `Role` when the functions are installed (after
every migrate, `kuty.apps`), never as literals."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from accounts.models import Role

WORK_SCOPE = "kuty_work_scope"
SHARE_ORGS = "kuty_share_orgs"
CONSENTED = "kuty_consented_cases"
WORK_ROLE = Role.SOCIAL_WORKER  # the organiser's social work
SHARE_ROLE = Role.EMPLOYMENT_OFFICER  # the employment authority, by the client's consent


def definitions() -> list[str]:
    return [
        # dropped and made again in the installer's one transaction: a changed row type
        # cannot be replaced in place (earlier drafts returned other columns)
        "DROP FUNCTION IF EXISTS kuty_read_scope(date)",
        "DROP FUNCTION IF EXISTS kuty_share_scope(date)",
        f"DROP FUNCTION IF EXISTS {WORK_SCOPE}()",
        f"DROP FUNCTION IF EXISTS {SHARE_ORGS}()",
        f"DROP FUNCTION IF EXISTS {CONSENTED}(date)",
        f"""
CREATE FUNCTION {WORK_SCOPE}()
RETURNS TABLE (municipality_id bigint, user_id bigint) LANGUAGE sql STABLE AS $$
  SELECT m.organization_id, m.user_id FROM accounts_membership m
  WHERE m.role = '{WORK_ROLE.value}'
$$""",
        f"""
CREATE FUNCTION {SHARE_ORGS}()
RETURNS TABLE (organization_id bigint, user_id bigint) LANGUAGE sql STABLE AS $$
  SELECT m.organization_id, m.user_id FROM accounts_membership m
  WHERE m.role = '{SHARE_ROLE.value}'
$$""",
        f"""
CREATE FUNCTION {CONSENTED}(today date)
RETURNS TABLE (case_id bigint, organization_id bigint, consent_id bigint)
LANGUAGE sql STABLE AS $$
  SELECT c.id, k.organization_id, k.id
  FROM clients_consent k
  JOIN clients_case c ON c.client_id = k.client_id AND c.closed_on IS NULL
  WHERE k.withdrawn_at IS NULL AND k.given_on <= today
    AND (k.expires_on IS NULL OR k.expires_on >= today)
$$""",
    ]


# What a user's memberships reach, asked once a request: the municipalities whose cases
# the user works on, and the organisations whose consents share cases with the user.
REACH_SQL = (
    f"SELECT 'work', municipality_id FROM {WORK_SCOPE}() WHERE user_id = %s "
    f"UNION ALL SELECT 'share', organization_id FROM {SHARE_ORGS}() WHERE user_id = %s"
)
WORKED_CASE_IDS_SQL = "SELECT id FROM clients_case WHERE municipality_id = ANY(%s)"
SHARED_CASE_IDS_SQL = f"SELECT case_id FROM {CONSENTED}(%s) WHERE organization_id = ANY(%s)"


@dataclass(frozen=True)
class Reach:
    work: tuple[int, ...]
    share: tuple[int, ...]


def reach(user) -> Reach:
    """Asked of the database once for this user object (one request): the ids are then
    the statements' parameters, so PostgreSQL plans with their real statistics (a join
    through the memberships made it guess 40× too few consents and loop)."""
    found = getattr(user, "_kuty_reach", None)
    if found is None:
        with connection.cursor() as cursor:
            cursor.execute(REACH_SQL, [user.pk, user.pk])
            rows = cursor.fetchall()
        found = Reach(
            work=tuple(sorted(pk for kind, pk in rows if kind == "work")),
            share=tuple(sorted(pk for kind, pk in rows if kind == "share")),
        )
        user._kuty_reach = found
    return found


def work_q(user, path: str = "pk") -> Q | None:
    """The cases the user works on: a case itself (`pk`, by its municipality's index),
    or the case at `path` of a case's record ("case_id", "placement__case_id")."""
    municipalities = list(reach(user).work)
    if not municipalities:
        return None
    if path == "pk":
        return Q(municipality_id__in=municipalities)
    return Q(**{f"{path}__in": RawSQL(WORKED_CASE_IDS_SQL, [municipalities])})  # noqa: S611


def share_q(user, today: datetime.date, path: str = "pk") -> Q | None:
    organizations = list(reach(user).share)
    if not organizations:
        return None
    shared = RawSQL(SHARED_CASE_IDS_SQL, [today, organizations])  # noqa: S611
    return Q(**{f"{path}__in": shared})


def read_q(user, today: datetime.date, path: str = "pk") -> Q | None:
    """Cases the user may see: worked on, or shared; None when neither can be. Only the
    arms the user reaches are asked: an OR of both in one WHERE keeps PostgreSQL off
    the municipality index (DESIGN.md, measured at national scale)."""
    arms = [q for q in (work_q(user, path), share_q(user, today, path)) if q is not None]
    if not arms:
        return None
    return arms[0] if len(arms) == 1 else arms[0] | arms[1]

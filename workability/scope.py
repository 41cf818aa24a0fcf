# ruff: noqa: S608 - SQL from constant fragments and Role values of this codebase
"""Who reaches a work-ability path, written once in SQL (like clients/scope.py).

`kuty_path_scope(today)` → (path_id, user_id, organization_id, consent_id, acts):
- the social work of the client's registrar (the organiser): no crossing, `consent_id`
  NULL, acts on the path;
- the members of the path's own work-ability team, by the client's consent in force to
  the team: a crossing (`consent_id` names the consent), acts on the path;
- the employment authority, by the client's consent in force to its organisation: a
  crossing, reads only.
A withdrawal or expiry of the consent takes effect at once. The roles come from `Role`
when the function is installed (after every migrate, `kuty.apps`), never as literals."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

PATH_SCOPE = "kuty_path_scope"


def team_roles() -> tuple[str, ...]:
    from accounts.models import Role

    return (Role.TEAM_COORDINATOR.value, Role.TEAM_DOCTOR.value)


def _in(values) -> str:
    return ", ".join(f"'{value}'" for value in values)


def definitions() -> list[str]:
    from clients.scope import SHARE_ROLE, WORK_ROLE

    in_force = (
        "k.withdrawn_at IS NULL AND k.given_on <= today "
        "AND (k.expires_on IS NULL OR k.expires_on >= today)"
    )
    return [
        f"DROP FUNCTION IF EXISTS {PATH_SCOPE}(date)",
        f"""
CREATE FUNCTION {PATH_SCOPE}(today date)
RETURNS TABLE (path_id bigint, user_id bigint, organization_id bigint, consent_id bigint,
               acts boolean)
LANGUAGE sql STABLE AS $$
  SELECT p.id, m.user_id, m.organization_id, NULL::bigint, true
  FROM workability_supportpath p
  JOIN clients_client c ON c.id = p.client_id
  JOIN accounts_membership m ON m.organization_id = c.registrar_id
  WHERE m.role = '{WORK_ROLE.value}'
  UNION ALL
  SELECT p.id, m.user_id, m.organization_id, k.id, m.role <> '{SHARE_ROLE.value}'
  FROM workability_supportpath p
  JOIN clients_consent k ON k.client_id = p.client_id AND {in_force}
  JOIN accounts_membership m ON m.organization_id = k.organization_id
  WHERE (m.role IN ({_in(team_roles())}) AND k.organization_id = p.team_id)
     OR m.role = '{SHARE_ROLE.value}'
$$""",
    ]


PATHS_SQL = f"SELECT path_id FROM {PATH_SCOPE}(%s) WHERE user_id = %s"
ACTING_SQL = f"SELECT path_id FROM {PATH_SCOPE}(%s) WHERE user_id = %s AND acts"
CROSSING_SQL = (
    f"SELECT organization_id, consent_id FROM {PATH_SCOPE}(%s) WHERE path_id = %s "
    "AND user_id = %s ORDER BY consent_id NULLS FIRST, organization_id LIMIT 1"
)


def paths_q(user, today: datetime.date, *, acting: bool, path: str = "pk") -> Q:
    """The paths (or the records of paths at `path`) the user reads or acts on."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    sql = ACTING_SQL if acting else PATHS_SQL
    return Q(**{f"{path}__in": RawSQL(sql, [today, user.pk])})  # noqa: S611


def crossing(user, path_id: int, today: datetime.date) -> tuple[int, int | None] | None:
    """How the user reaches the path: (their organisation, the consent) — the consent is
    None for the registrar's own social work; None when the user does not reach it."""
    with connection.cursor() as cursor:
        cursor.execute(CROSSING_SQL, [today, path_id, user.pk])
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None

# ruff: noqa: S608 - SQL from constant fragments and Role values of this codebase
"""Who supervises which site, written once in SQL (issue 23).

`kuty_supervision_scope()` answers "which sites does this user supervise" and, read the
other way, "who supervises this site". It is a `LANGUAGE sql STABLE` function of one
SELECT, so PostgreSQL inlines it into the calling statement: a filter on `user_id` or
`site_id` reaches the membership tables' indexes as if the join were written in place.
The site and placement gates (`SiteQuerySet.supervised_by`, `PlacementQuerySet`), the
week save's locked read and the reminders' recipients all read this one function.

The role is taken from `Role` when the function is installed (after every migrate, by
`kuty.apps`), never written as a literal; a renamed role reinstalls it."""

from __future__ import annotations

SUPERVISION_SCOPE = "kuty_supervision_scope"


def definitions() -> list[str]:
    from .models import Role

    return [
        f"DROP FUNCTION IF EXISTS {SUPERVISION_SCOPE}()",
        f"""
CREATE OR REPLACE FUNCTION {SUPERVISION_SCOPE}()
RETURNS TABLE (site_id bigint, user_id bigint) LANGUAGE sql STABLE AS $$
  SELECT ms.site_id, m.user_id
  FROM accounts_membership_sites ms
  JOIN accounts_membership m ON m.id = ms.membership_id
  WHERE m.role = '{Role.SUPERVISOR.value}'
$$""",
    ]


# The sites a user supervises (parameter: the user's id).
SUPERVISED_SITE_IDS_SQL = f"SELECT site_id FROM {SUPERVISION_SCOPE}() WHERE user_id = %s"

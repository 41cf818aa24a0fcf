# ruff: noqa: S608 - SQL from constant fragments and Role values of this codebase
"""Which cases a user may work on or see, written once in SQL (issue 23).

Two questions, two `LANGUAGE sql STABLE` functions of one SELECT each, which PostgreSQL
inlines into the calling statement (so a filter on `user_id` or `case_id` reaches the
indexes as if the join were written in place):

- `kuty_work_scope()` → (case_id, user_id): the organiser's social workers work on the
  cases of their municipality (Right.WORK). A substitute grant (CaseGrant) documents a
  colleague's client relationship and never widens this scope.
- `kuty_read_scope(today)` → (case_id, user_id, consent_id): the work scope, and the
  open case of a client who has given the employment authority's organisation a consent
  in force on `today` (Right.READ, Right.CO_SIGN); `consent_id` names the consent for
  the disclosure log. A withdrawal takes effect at once.

`Case.objects.workable_by` / `visible_to`, every gate, the reminders' recipients and the
lists read these functions; nothing else restates the rule. The roles come from `Role`
when the functions are installed (after every migrate, `kuty.apps`), never literals."""

from __future__ import annotations

from accounts.models import Role

WORK_SCOPE = "kuty_work_scope"
READ_SCOPE = "kuty_read_scope"


def definitions() -> list[str]:
    return [
        f"""
CREATE OR REPLACE FUNCTION {WORK_SCOPE}()
RETURNS TABLE (case_id bigint, user_id bigint) LANGUAGE sql STABLE AS $$
  SELECT c.id, m.user_id
  FROM clients_case c
  JOIN accounts_membership m ON m.organization_id = c.municipality_id
  WHERE m.role = '{Role.SOCIAL_WORKER.value}'
$$""",
        f"""
CREATE OR REPLACE FUNCTION {READ_SCOPE}(today date)
RETURNS TABLE (case_id bigint, user_id bigint, consent_id bigint) LANGUAGE sql STABLE AS $$
  SELECT w.case_id, w.user_id, NULL::bigint FROM {WORK_SCOPE}() w
  UNION ALL
  SELECT c.id, m.user_id, k.id
  FROM clients_consent k
  JOIN accounts_membership m ON m.organization_id = k.organization_id
   AND m.role = '{Role.TE_OFFICER.value}'
  JOIN clients_case c ON c.client_id = k.client_id AND c.closed_on IS NULL
  WHERE k.withdrawn_at IS NULL AND k.given_on <= today
    AND (k.expires_on IS NULL OR k.expires_on >= today)
$$""",
    ]


# The ids of the cases a user may work on (parameter: the user's id) / see (today, id).
WORKED_CASE_IDS_SQL = f"SELECT case_id FROM {WORK_SCOPE}() WHERE user_id = %s"
VISIBLE_CASE_IDS_SQL = f"SELECT case_id FROM {READ_SCOPE}(%s) WHERE user_id = %s"

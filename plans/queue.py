"""The employment authority's queue of plans awaiting its signature, read a page at a
time by keyset (issue 30): the page after a plan is the next plans by (updated_at, id)
read off the drafts' index (`plan_drafts_newest_first`), and the queue's length is
counted only up to one page ("25+"). Neither grows with the queue: an OFFSET page and a
`COUNT(*) OVER ()` counted the officer's whole candidate set on every view."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .access import rows, to_sign_ids

CAP = 25  # the queue's length is told exactly up to this, then "25+"


@dataclass
class QueuePage:
    plans: list
    after: str  # the cursor of the page's last plan, when there is a next page ("")
    first: bool  # the queue's first page (no cursor asked)


def cursor_of(plan) -> str:
    return f"{plan.updated_at.isoformat()}~{plan.pk}"


def parse_cursor(text: str | None) -> tuple[datetime.datetime, int] | None:
    """A cursor as `cursor_of` writes it; anything else is the first page."""
    moment, _sep, pk = (text or "").partition("~")
    try:
        return datetime.datetime.fromisoformat(moment), int(pk)
    except ValueError:
        return None


def page_after(ids: QuerySet, cursor: str | None, size: int) -> QueuePage:
    """The `size` plans after the cursor (newest first), read with one more to know
    whether a next page exists."""
    after = parse_cursor(cursor)
    if after is not None:
        moment, pk = after
        ids = ids.filter(Q(updated_at__lt=moment) | Q(updated_at=moment, pk__lt=pk))
    found = [row["pk"] for row in ids[: size + 1]]
    plans = rows(found[:size])
    more = len(found) > size and plans
    return QueuePage(plans, cursor_of(plans[-1]) if more else "", after is None)


def capped_count(ids: QuerySet, cap: int = CAP) -> tuple[int, str]:
    """The queue's length counted up to cap + 1 rows: (the number, as shown: "25+")."""
    n = ids[: cap + 1].count()
    return n, (f"{cap}+" if n > cap else str(n))


def queue_for(user) -> QuerySet:
    return to_sign_ids(user)

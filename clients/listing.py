"""Lists of client data on pages, logged exactly as shown: the pages' twin of the API's
`LoggedListMixin` (clients/api.py).

A list page asks `logged_page` for its page: it paginates and writes one access-log row
per client of the rows it returns (and, for a read by consent, the disclosure), so a
page of 25 logs 25 clients whatever the length of the list. A page that shows client
data but is not a paginated list (the home page's panels, a site's week) logs what it
shows with one call to `log_shown`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from core.access import PURPOSE_CASE_WORK, meta_of
from core.pagination import page_with_count

from .access import access_log, log_listed, record_reads
from .models import AccessAction, Case, Client


def logged_page(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    what: str,
    per_page: int,
    case_of: Callable[[Any], Case] = lambda row: row.case,
    page_param: str = "sivu",
    counted: bool = False,
    load: Callable[[list], list] | None = None,
) -> Page:
    """The requested page of an ordered queryset, its clients logged once each.

    `counted`: the page and the list's length in one query (`core.pagination`), for a
    list whose count costs as much as its page. `load`: the rows to show from the rows
    found (e.g. a page of ids, then the records by id); the page holds what it returns,
    and only those rows' cases are logged."""
    number = request.GET.get(page_param)
    if counted:
        page, found = page_with_count(queryset, number, per_page)
    else:
        page = Paginator(queryset, per_page).get_page(number)
        found = list(page.object_list)
    page.object_list = load(found) if load else found
    log_listed(
        request.user, [case_of(row) for row in page.object_list], what=what, meta=meta_of(request)
    )
    return page


def log_shown(
    request: HttpRequest,
    *,
    what: str,
    cases: Iterable[Case] | None = None,
    clients: Iterable[Client | int] | None = None,
    action: str = AccessAction.LIST,
    purpose: str = PURPOSE_CASE_WORK,
) -> None:
    """One log call for everything a page shows that is not a paginated list.

    `cases`: reached through the case scope, where a consent may be the right (then the
    read is also a disclosure). `clients`: reached by another right (a supervisor's site,
    the privacy officer's check), which discloses nothing."""
    meta = meta_of(request, purpose)
    if cases is not None:
        record_reads(user=request.user, cases=cases, action=action, what=what, meta=meta)
    if clients is not None:
        access_log(user=request.user, clients=clients, action=action, what=what, meta=meta)

"""A page of a list and the list's length in one query (issue 15)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window


def page_with_count(queryset: QuerySet, number, per_page: int) -> tuple[Page, list]:
    """Page `number` (read as Paginator.get_page reads it) of an ordered queryset, and
    that page's rows, counted by a window function in the same query: a list whose count
    costs as much as its page (a scope joined over the whole country) pays it once, not
    twice. Only a number past the end costs a separate count (then: the last page)."""
    paginator = Paginator(queryset, per_page)
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    found = list(queryset.annotate(listed_total=Window(Count("pk")))[start : start + per_page])
    if not found and number > 1:
        return page_with_count(queryset, paginator.num_pages, per_page)
    first = found[0] if found else None
    # rows of .values() are dicts, of a model queryset instances
    total = (
        (first["listed_total"] if isinstance(first, dict) else first.listed_total) if found else 0
    )
    paginator.count = total
    return paginator.page(number), found

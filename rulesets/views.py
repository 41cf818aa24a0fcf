"""What the rule sets show outside the admin: the changes ahead, before they apply."""

from __future__ import annotations

import datetime

from django.http import HttpRequest

from accounts.models import Organization, User

from .engine import NoRuleSet, changes, region_of, rules_on, upcoming


def upcoming_changes(region: Organization | None, today: datetime.date) -> list[dict]:
    """Each rule set dated after today that will apply to the region, with what changes."""
    found = []
    for ahead in upcoming(region, today):
        try:
            before = rules_on(region, ahead.effective_from - datetime.timedelta(days=1))
        except NoRuleSet:
            continue
        if ahead.region_id not in (None, getattr(region, "pk", None)):
            continue
        found.append({"rules": ahead, "changes": changes(before, ahead)})
    return found


def upcoming_panel(request: HttpRequest, user: User, today: datetime.date) -> dict:
    """The home page's notice of rule changes ahead for the regions of the user's
    organisations (or the national ones)."""
    regions = {region_of(m.organization) for m in user.active_memberships} or {None}
    seen, notices = set(), []
    for region in sorted(regions, key=lambda r: getattr(r, "pk", 0)):
        for notice in upcoming_changes(region, today):
            if notice["rules"].pk not in seen:
                seen.add(notice["rules"].pk)
                notices.append(notice)
    return {"rule_changes_ahead": notices}

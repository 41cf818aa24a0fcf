"""The integration flags in the regional report (issue 25): counted over the report's
scope and filters, suppressed by the report's own small-count rules (`_single`)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from reports import report
from reports.forms import Filters
from reports.scope import Scope

from .models import IntegrationFlag, RuleKind


def _flags(scope: Scope, filters: Filters):
    found = IntegrationFlag.objects.all()
    if scope.municipalities is not None:
        found = found.filter(client__registrar_id__in=scope.municipalities)
    if scope.placed_at_sites or filters.site or filters.provider:
        sites = {"client__cases__placements__site_id__in": scope.sites}
        if filters.site:
            sites = {"client__cases__placements__site_id": filters.site}
        elif filters.provider:
            sites = {"client__cases__placements__site__organization_id": filters.provider}
        found = found.filter(**sites)
    if filters.municipality:
        found = found.filter(client__registrar_id=filters.municipality)
    return found.distinct()


def flags_table(scope: Scope, filters: Filters, minimum: int) -> report.Table | None:
    """Clients flagged for tighter integration: raised in the period, open on the day,
    and by the rule that fired. None with the filters it cannot apply (age, sex,
    language): a table that ignored them would not match the rest of the report."""
    if filters.age_group or filters.sex or filters.language:
        return None
    day = filters.status_day
    flags = _flags(scope, filters)
    raised = flags.filter(raised_on__range=(filters.start, filters.end))
    open_on_day = flags.filter(
        Q(cleared_on__isnull=True) | Q(cleared_on__gt=day), raised_on__lte=day
    )
    counts = {"raised": raised.count(), "open": open_on_day.count()}
    by_rule = {
        kind: raised.filter(fired__contains=[{"rule": kind}]).aggregate(
            n=Count("pk", distinct=True)
        )["n"]
        for kind, _label in RuleKind.choices
    }
    items = [
        (_("Merkitty kaudella"), counts["raised"]),
        (_("Voimassa %(day)s") % {"day": f"{day:%-d.%-m.%Y}"}, counts["open"]),
        *[
            (_("Kaudella: %(rule)s") % {"rule": label}, by_rule[kind])
            for kind, label in RuleKind.choices
        ],
    ]
    return report._single(
        "integration_flags",
        _("Tiiviimmän integraation kriteerit täyttäneet asiakkaat"),
        items,
        minimum,
        note=_("Asiakkaalla voi täyttyä useampi kriteeri: kriteerit eivät laske yhteen."),
    )


def register() -> None:
    if flags_table not in report.CONTRIBUTED:
        report.CONTRIBUTED.append(flags_table)

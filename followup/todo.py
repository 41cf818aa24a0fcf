"""The to-do list: each reminder as its recipient sees it, with the link to the place
where the matter is resolved."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import RecipientRole, Reminder, ReminderKind, ReminderRecipient

K = ReminderKind
TODO_LIMIT = 50  # the list shows this many; the header counts them all


def annotated(reminders: QuerySet[Reminder], user) -> QuerySet[Reminder]:
    """Reminders with the user's own role in each (a supervisor sees the placement's
    side), overdue first."""
    role = ReminderRecipient.objects.filter(reminder=OuterRef("pk"), user=user).values("role")
    return (
        reminders.annotate(my_role=Subquery(role[:1]))
        .select_related("case__client", "placement__site")
        .order_by("due_on", "kind", "pk")
    )


def todo(user) -> QuerySet[Reminder]:
    """The user's open reminders, overdue first."""
    return annotated(Reminder.objects.for_user(user).open(), user)


# A supervisor's reminders of these kinds are one matter of the site, resolved on the
# site's own page: the home page shows one line per kind and site, not a card per client
# (issue 27: 13 TT3 cards pushed the week's attendance ~6 500 px down at 360 px).
GROUPED = {
    K.TT3_DUE: "placements:notices",
    K.ATTENDANCE_UNRECORDED: "placements:attendance_week",
}


def _grouped(user) -> Q:
    return Q(
        kind__in=list(GROUPED),
        placement__isnull=False,
        recipients__user=user,
        recipients__role=RecipientRole.SUPERVISOR,
    )


def first(user, limit: int = TODO_LIMIT) -> tuple[list[Reminder], int]:
    """The first `limit` of the user's open reminders shown one by one (not those of a
    group) and how many there are, in one query (a window count), so a page asks the
    same queries however long the list is."""
    rows = todo(user).exclude(pk__in=Reminder.objects.filter(_grouped(user)).values("pk"))
    rows = list(rows.annotate(total=Window(Count("pk")))[:limit])
    return rows, (rows[0].total if rows else 0)


@dataclass
class Group:
    label: str
    site: str
    count: int
    url: str
    overdue: bool


def groups(user) -> list[Group]:
    """The supervisor's reminders of the GROUPED kinds, one row per kind and site, counted
    in SQL. A row names no client, so the page logs none for it."""
    rows = (
        Reminder.objects.for_user(user)
        .open()
        .filter(_grouped(user))
        .values("kind", "placement__site_id", "placement__site__name")
        .annotate(count=Count("pk", distinct=True), first_due=Min("due_on"))
        .order_by("first_due", "kind", "placement__site__name")
    )
    today = timezone.localdate()
    labels = dict(K.choices)
    result = []
    for row in rows:
        url = reverse(GROUPED[row["kind"]], args=[row["placement__site_id"]])
        if row["kind"] == K.ATTENDANCE_UNRECORDED:
            url = f"{url}?viikko={row['first_due']:%Y-%m-%d}"
        if row["kind"] == K.TT3_DUE:  # the first fortnight not sent (placements.notices)
            url = f"{url}?alkaen={row['first_due'] - datetime.timedelta(days=13):%Y-%m-%d}"
        result.append(
            Group(
                label=labels[row["kind"]],
                site=row["placement__site__name"],
                count=row["count"],
                url=url,
                overdue=row["first_due"] < today,
            )
        )
    return result


def _date(value) -> str:
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return value.strftime("%-d.%-m.%Y")


def _url(reminder: Reminder, supervisor: bool) -> str:
    case, placement, detail = reminder.case_id, reminder.placement, reminder.detail
    if supervisor and placement is not None:
        if reminder.kind == K.ATTENDANCE_UNRECORDED:
            week = reverse("placements:attendance_week", args=[placement.site_id])
            return f"{week}?viikko={reminder.due_on:%Y-%m-%d}"
        if reminder.kind == K.TT3_DUE:  # the site's notices of the reminder's fortnight
            notices = reverse("placements:notices", args=[placement.site_id])
            return f"{notices}?alkaen={reminder.due_on - datetime.timedelta(days=13):%Y-%m-%d}"
        return reverse("placements:placement_detail", args=[placement.pk])
    if detail.get("plan"):
        return reverse("plans:plan_detail", args=[case, detail["plan"]])
    if detail.get("decision"):
        return reverse("decisions:decision_detail", args=[case, detail["decision"]])
    named = {
        K.REVIEW_SOON: "followup:review_create",
        K.REVIEW_OVERDUE: "followup:review_create",
        K.GRANT_ENDING: "clients:grants",
        K.ASSESSMENT_LATE: "plans:assessment_create",
    }
    return reverse(named.get(reminder.kind, "clients:case_detail"), args=[case])


def _text(reminder: Reminder) -> str:
    detail = reminder.detail
    if reminder.kind == K.DAY_LIMIT_NEAR:
        return _("%(days)s osallistumispäivää 12 kuukaudessa (enimmäismäärä %(limit)s).") % {
            "days": detail.get("days"),
            "limit": settings.KUTY_DAY_LIMIT,
        }
    if reminder.kind == K.DAY_LIMIT_PROJECTED and detail.get("on"):
        return _("Enimmäismäärä %(limit)s päivää täyttyy %(on)s; jakso päättyy %(end)s.") % {
            "limit": settings.KUTY_DAY_LIMIT,
            "on": _date(detail["on"]),
            "end": _date(reminder.due_on),
        }
    if reminder.kind == K.ATTENDANCE_UNRECORDED:
        return _("%(days)s aikataulun mukaista päivää kirjaamatta, ensimmäinen %(day)s.") % {
            "days": detail.get("days"),
            "day": _date(reminder.due_on),
        }
    if reminder.kind == K.ABSENCES_IN_ROW:
        return _("%(days)s selvittämätöntä poissaoloa peräkkäin; ota yhteyttä asiakkaaseen.") % {
            "days": detail.get("days")
        }
    if reminder.kind == K.CASE_IDLE and detail.get("last"):
        return _("Viimeisin kirjaus %(day)s.") % {"day": _date(detail["last"])}
    if reminder.kind == K.PERIOD_ENDING:
        return _("Jakso päättyy %(day)s.") % {"day": _date(reminder.due_on)}
    return ""


@dataclass
class Item:
    reminder: Reminder
    label: str
    name: str
    text: str
    url: str
    overdue: bool


def items(reminders) -> list[Item]:
    today = timezone.localdate()
    result = []
    for reminder in reminders:
        supervisor = getattr(reminder, "my_role", None) == RecipientRole.SUPERVISOR
        name = (
            reminder.placement.client_name
            if supervisor and reminder.placement
            else reminder.case.client.full_name
        )
        result.append(
            Item(
                reminder=reminder,
                label=reminder.get_kind_display(),
                name=name,
                text=_text(reminder),
                url=_url(reminder, supervisor),
                overdue=reminder.due_on < today,
            )
        )
    return result

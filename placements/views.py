import csv
import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import administers, entry_editable, site_entry_gate, site_rights_gate
from accounts.forms import SiteEntryForm, SiteRightForm, person_name
from accounts.models import Language, Site, User
from accounts.services import (
    site_entry_editors,
    site_entry_grant,
    site_entry_grantable,
    site_entry_revoke,
    site_entry_update,
)
from clients.access import default_action, get_or_404
from clients.listing import log_shown
from clients.models import AccessAction
from core.access import Right, as_pk, meta_of
from core.pdf import pdf_response, render_pdf
from core.spreadsheet import safe_row
from decisions.forms import NoticeForm
from decisions.views import decision_for

from . import services
from .access import placement_gate, site_gate
from .access import placements as placements_of
from .forms import ClosureForm, DirectoryForm, PlacementForm
from .models import AbsenceReason, Attendance, AttendanceStatus, Placement
from .placement_page import provided_context
from .services import directory_search


@login_required
@require_http_methods(["GET", "POST"])
def notice_send(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    case, decision = decision_for(request, pk, decision_pk, "ilmoitus toteutuspaikalle")
    plan = decision.plan
    form = NoticeForm(
        request.POST or None,
        initial={
            "goals": plan.kuty_goal if plan else "",
            "contacts": services.default_contacts(decision),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_notice_send(
                user=request.user, decision=decision, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Ilmoitus lähetetty toteutuspaikalle."))
            return redirect("placements:placement_detail", placement_pk=placement.pk)
    return render(
        request, "placements/notice_form.html", {"case": case, "decision": decision, "form": form}
    )


def _placement_for(
    request: HttpRequest,
    placement_pk: int,
    what: str,
    right: Right = Right.READ,
    action: str | None = None,
) -> Placement:
    return placement_gate(
        request.user,
        placement_pk,
        right,
        what=what,
        meta=meta_of(request),
        action=action or default_action(request.method),
    )


@login_required
@require_GET
def placement_detail(request: HttpRequest, placement_pk: int) -> HttpResponse:
    placement = _placement_for(request, placement_pk, "ilmoitus toteutuspaikalle")
    supervises = placements_of(request.user, Right.SUPERVISE).filter(pk=placement.pk).exists()
    return render(
        request,
        "placements/placement_detail.html",
        {
            "placement": placement,
            "form": PlacementForm(instance=placement) if supervises else None,
            **provided_context(request, placement, supervises),
            "counts": services.participation_counts(placement),
            "attendances": placement.attendances.order_by("-day")[:40],
        },
    )


@login_required
@require_GET
def notice_pdf(request: HttpRequest, placement_pk: int) -> HttpResponse:
    placement = _placement_for(request, placement_pk, "ilmoitus PDF", action=AccessAction.PDF)
    with placement.notice_pdf.open("rb") as stored:
        return pdf_response(stored.read(), f"ilmoitus-{placement.pk}.pdf")


@login_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """The service directory: one search box over providers, sites and kinds of work."""
    form = DirectoryForm(request.GET or None)
    sites = directory_search(form.cleaned_data if form.is_valid() else {})
    page = Paginator(sites, 20).get_page(request.GET.get("sivu"))
    template = "placements/_directory_results.html" if request.htmx else "placements/directory.html"
    editable = entry_editable(request.user, page.object_list)
    return render(request, template, {"form": form, "page": page, "editable": editable})


@login_required
@require_GET
def site_detail(request: HttpRequest, site_pk: int) -> HttpResponse:
    """A site's directory entry; its provider's administrator hands out the editing rights
    here. An inactive site is shown only to those who keep its entry."""
    site = get_or_404(
        Site.objects.select_related("organization", "municipality", "entry_updated_by"), site_pk
    )
    editable = entry_editable(request.user, [site])
    if not site.active and site.pk not in editable:
        raise Http404
    rights = None
    if administers(request.user, site):
        grantable = site_entry_grantable(site, request.user)
        rights = {"editors": site_entry_editors(site), "form": SiteRightForm(grantable=grantable)}
    return render(request, "placements/site_detail.html", _site_context(site, editable, rights))


def _site_context(site: Site, editable: set[int], rights: dict | None = None) -> dict:
    return {
        "site": site,
        "can_edit": site.pk in editable,
        "rights": rights,
        "free": services.site_free_places(site),
        "site_languages": [str(Language(code).label) for code in site.languages],
        "closures": site.closures.filter(day__gte=timezone.localdate()).order_by("day"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def site_entry_edit(request: HttpRequest, site_pk: int) -> HttpResponse:
    """The provider keeps the site's directory entry: its administrators, and colleagues
    granted the right for this site (django-guardian); anyone else gets 404."""
    site = site_entry_gate(request.user, site_pk)
    form = SiteEntryForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        try:
            site_entry_update(actor=request.user, site=site, changes=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Hakemistotiedot tallennettu."))
            return redirect("placements:site_entry_edit", site_pk=site.pk)
    if request.method == "POST":  # the instance took the refused values: show the saved
        site = site_entry_gate(request.user, site_pk)
    context = _site_context(site, {site.pk})
    context.update(form=form, closure_form=ClosureForm())
    return render(request, "placements/site_entry_form.html", context)


@login_required
@require_POST
def site_closure_add(request: HttpRequest, site_pk: int) -> HttpResponse:
    site = site_entry_gate(request.user, site_pk)
    form = ClosureForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_field_errors(form))
        services.site_closure_add(actor=request.user, site=site, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sulkupäivä ilmoitettu."))
    return redirect("placements:site_entry_edit", site_pk=site.pk)


def _field_errors(form) -> list[str]:
    return [
        f"{form[name].label}: {error}" for name, errors in form.errors.items() for error in errors
    ]


@login_required
@require_POST
def site_closure_remove(request: HttpRequest, site_pk: int, closure_pk: int) -> HttpResponse:
    site = site_entry_gate(request.user, site_pk)
    if not services.site_closure_remove(actor=request.user, site=site, closure_pk=closure_pk):
        raise Http404
    messages.success(request, _("Sulkupäivä poistettu."))
    return redirect("placements:site_entry_edit", site_pk=site.pk)


@login_required
@require_POST
def site_right_grant(request: HttpRequest, site_pk: int) -> HttpResponse:
    """The provider's administrator grants a colleague the right to edit this entry."""
    site = site_rights_gate(request.user, site_pk)
    form = SiteRightForm(request.POST, grantable=site_entry_grantable(site, request.user))
    user = form.cleaned_data["user"] if form.is_valid() else None
    try:
        if user is None:  # not a colleague who could be granted: say which rule
            user = User.objects.filter(pk=as_pk(request.POST.get("user"))).first()
            if user is None:
                raise ValidationError(_("Valitse työntekijä."))
        site_entry_grant(actor=request.user, site=site, user=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s voi nyt muokata yksikön %(site)s hakemistotietoja.")
            % {"name": person_name(user), "site": site.name},
        )
    return redirect("placements:site_detail", site_pk=site.pk)


@login_required
@require_POST
def site_right_revoke(request: HttpRequest, site_pk: int, user_pk: int) -> HttpResponse:
    site = site_rights_gate(request.user, site_pk)
    user = get_or_404(User.objects.all(), user_pk)
    if not site_entry_revoke(actor=request.user, site=site, user=user):
        raise Http404
    messages.success(
        request,
        _("Käyttäjän %(name)s muokkausoikeus peruttu.") % {"name": person_name(user)},
    )
    return redirect("placements:site_detail", site_pk=site.pk)


def _monday(text: str | None) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        day = timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


def _week_grid(site, user, monday: datetime.date, posted=None) -> dict:
    """One row per client, one cell per weekday column (Saturday and Sunday only when
    someone's schedule has them)."""
    sunday = monday + datetime.timedelta(days=6)
    placements = list(
        placements_of(user, Right.SUPERVISE)
        .filter(site=site, start_on__lte=sunday, end_on__gte=monday)
        .select_related("decision", "case__client")
        .order_by("client_name")
    )
    closed = services.no_service_days(site, monday, sunday)
    weekend = any(d in (6, 7) for p in placements for d in p.weekdays)
    week = [monday + datetime.timedelta(days=i) for i in range(7 if weekend else 5)]
    return {
        "rows": _week_rows(placements, monday, week, closed, posted),
        "monday": monday,
        "sunday": sunday,
        "week": week,
        "closed": sorted((day, why) for day, why in closed.items() if day in week),
        "day_limit": settings.KUTY_DAY_LIMIT,
        "previous": monday - datetime.timedelta(days=7),
        "next": monday + datetime.timedelta(days=7),
    }


def _week_rows(placements, monday, week, closed, posted) -> list[dict]:
    """A scheduled past day is a small editor, prefilled "present with the placement's
    hours" until a mark is recorded (the page shows that prefill as not yet saved); a
    future day or a day without activity is text; an unscheduled day is empty."""
    today = timezone.localdate()
    sunday = monday + datetime.timedelta(days=6)
    marks = {
        (a.placement_id, a.day): a
        for a in Attendance.objects.filter(placement__in=placements, day__range=(monday, sunday))
    }
    # each day's labels formatted once, not once per client (a site's whole group)
    labels = {
        day: {"weekday": date_format(day, "D"), "date": date_format(day, "j.n.")} for day in week
    }
    rows = [
        {
            "placement": placement,
            "cells": [
                _week_cell(placement, day, marks.get((placement.pk, day)), closed, today, posted)
                | labels[day]
                for day in week
            ],
        }
        for placement in placements
    ]
    return _limit_reached(rows)


def _limit_reached(rows: list[dict]) -> list[dict]:
    """An unrecorded day past the client's day limit is not prefilled "present": it shows
    as not allowed, and its row says why (issue 27; the save refuses it alone)."""
    blocked = services.over_limit(
        [
            (row["placement"].case_id, row["placement"].pk, cell["day"])
            for row in rows
            for cell in row["cells"]
            if cell["kind"] == "edit" and not cell["recorded"]
        ],
        settings.KUTY_DAY_LIMIT,
    )
    for row in rows:
        for i, cell in enumerate(row["cells"]):
            if (row["placement"].pk, cell["day"]) in blocked:
                row["cells"][i] = {**cell, "kind": "limit"}
                row.setdefault("limit_from", cell["day"])
    return rows


def _week_cell(placement, day, mark, closed, today, posted) -> dict:
    key = f"a-{placement.pk}-{day:%Y%m%d}"
    cell = {"day": day, "key": key, "hours_planned": placement.hours_per_day}
    if day.isoweekday() not in placement.weekdays or not (
        placement.start_on <= day <= placement.end_on
    ):
        return {**cell, "kind": "off"}
    if day in closed:
        return {**cell, "kind": "closed", "why": closed[day]}
    if day > today:
        return {**cell, "kind": "future"}
    if mark:
        value = {
            "status": mark.status,
            "hours": mark.hours,
            "reason": mark.absence_reason,
            "diary": mark.diary,
        }
    else:
        value = {"status": "present", "hours": placement.hours_per_day, "reason": "", "diary": ""}
    if posted is not None:
        value = {name: posted.get(f"{key}-{name}", "") for name in value}
    if value["status"] != AttendanceStatus.PRESENT:
        value["hours"] = ""  # an absence has no hours, whatever the form held
    if value["status"] != AttendanceStatus.ABSENT:
        value["reason"] = ""
    return {**cell, "kind": "edit", "recorded": mark is not None, **value}


def _entries(post) -> list[dict]:
    entries = []
    for key in post:
        if not key.startswith("a-") or not key.endswith("-status") or not post[key]:
            continue
        _prefix, placement_pk, day = key.rsplit("-", 1)[0].split("-")
        status = post[key]
        # hours and a reason belong to one status each: a form that still holds them
        # (the page without JavaScript shows every field) saves only what the status means
        hours = post.get(f"a-{placement_pk}-{day}-hours") if status == "present" else None
        entries.append(
            {
                "placement": int(placement_pk),
                "day": datetime.datetime.strptime(day, "%Y%m%d").date(),
                "status": status,
                "hours": Decimal(hours.replace(",", ".")) if hours else None,
                "absence_reason": post.get(f"a-{placement_pk}-{day}-reason", "")
                if status == "absent"
                else "",
                "diary": post.get(f"a-{placement_pk}-{day}-diary", ""),
            }
        )
    return entries


def _week_save(request: HttpRequest, site: Site) -> list[str]:
    """Save the posted week; the errors to show again with the posted values, if any."""
    try:
        saved = services.attendance_record_week(
            user=request.user, site=site, entries=_entries(request.POST), meta=meta_of(request)
        )
    except (ValidationError, InvalidOperation, ValueError) as error:
        return getattr(error, "messages", [_("Tarkista tunnit.")])
    messages.success(
        request, _("Viikko tallennettu (%(count)s merkintää).") % {"count": saved.saved}
    )
    for refused in saved.refused:
        messages.warning(request, refused)
    return []


@login_required
@require_http_methods(["GET", "POST"])
def attendance_week(request: HttpRequest, site_pk: int) -> HttpResponse:
    """The supervisor's week: every client of the site in one grid, saved in one submit."""
    site = site_gate(request.user, site_pk)
    monday = _monday(request.GET.get("viikko") or request.POST.get("viikko"))
    errors = _week_save(request, site) if request.method == "POST" else []
    if request.method == "POST" and not errors:
        return redirect(f"{request.path}?viikko={monday:%Y-%m-%d}")
    grid = _week_grid(site, request.user, monday, request.POST if errors else None)
    clients = [row["placement"].case.client_id for row in grid["rows"]]
    what = f"läsnäoloviikko {site.name}"
    log_shown(request, what=what, clients=clients, action=AccessAction.VIEW)
    return render(
        request,
        "placements/attendance_week.html",
        {
            "site": site,
            "errors": errors,
            "statuses": AttendanceStatus.choices,
            # the labels translated once, not in every day cell's list
            "reasons": [(value, str(label)) for value, label in AbsenceReason.choices],
            **grid,
        },
    )


def _site_for(request: HttpRequest, site_pk: int) -> Site:
    return site_gate(request.user, site_pk)


def _site_placements(request: HttpRequest, site: Site):
    return list(
        placements_of(request.user, Right.SUPERVISE)
        .filter(site=site)
        .select_related("case__client", "site")
        .order_by("client_name")
    )


@login_required
@require_GET
def tt3_list(request: HttpRequest, site_pk: int) -> HttpResponse:
    """Which clients' absence notices (TT3) are due to Kela (at least every two weeks)."""
    site = _site_for(request, site_pk)
    placements = [p for p in _site_placements(request, site) if p.start_on <= timezone.localdate()]
    due = services.tt3_due(placements)
    clients = [row["placement"].case.client_id for row in due]  # the clients it shows
    log_shown(request, what=f"TT3-lista {site.name}", clients=clients)
    return render(request, "placements/tt3_list.html", {"site": site, "due": due})


def _period(request: HttpRequest) -> tuple[datetime.date, datetime.date]:
    try:
        start = datetime.date.fromisoformat(request.GET.get("start", ""))
        end = datetime.date.fromisoformat(request.GET.get("end", ""))
    except ValueError as error:
        raise Http404 from error
    if end < start:
        raise Http404
    return start, end


@login_required
@require_GET
def tt3_pdf(request: HttpRequest, placement_pk: int) -> HttpResponse:
    start, end = _period(request)  # a request without its period logs nothing
    placement = _placement_for(request, placement_pk, "TT3 PDF", action=AccessAction.PDF)
    pdf = render_pdf(
        "placements/tt3_pdf.html",
        {
            "placement": placement,
            "start": start,
            "end": end,
            "rows": services.tt3_rows(placement, start, end),
        },
    )
    return pdf_response(pdf, f"tt3-{placement.pk}-{start:%Y%m%d}.pdf")


@login_required
@require_GET
def tt3_csv(request: HttpRequest, placement_pk: int) -> HttpResponse:
    start, end = _period(request)  # a request without its period logs nothing
    placement = _placement_for(request, placement_pk, "TT3 CSV", action=AccessAction.EXPORT)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="tt3-{placement.pk}-{start:%Y%m%d}.csv"'
    )
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("asiakas"), _("päivä"), _("merkintä"), _("syy"), _("etuus säilyy")])
    for row in services.tt3_rows(placement, start, end):
        kind = _("poissa") if row["kind"] == "absent" else _("ei toimintaa")
        keeps = _("kyllä") if row["keeps_benefit"] else _("ei")
        writer.writerow(
            safe_row([placement.client_name, row["day"].isoformat(), kind, row["reason"], keeps])
        )
    return response


@login_required
@require_POST
def tt3_mark_sent(request: HttpRequest, placement_pk: int) -> HttpResponse:
    placement = _placement_for(
        request, placement_pk, "TT3 lähetetty", Right.SUPERVISE, action=AccessAction.EXPORT
    )
    try:
        start = datetime.date.fromisoformat(request.POST.get("start", ""))
        end = datetime.date.fromisoformat(request.POST.get("end", ""))
    except ValueError:
        messages.error(request, _("Ajanjakso puuttuu."))
        return redirect("placements:tt3_list", site_pk=placement.site_id)
    services.tt3_mark_sent(user=request.user, placement=placement, start=start, end=end)
    messages.success(request, _("Merkitty lähetetyksi Kelaan."))
    return redirect("placements:tt3_list", site_pk=placement.site_id)


def _month_totals(rows: list[dict]) -> dict:
    return {
        key: sum(row[key] or 0 for row in rows)
        for key in ("present", "hours", "absent", "allowance_days")
    }


@login_required
@require_GET
def monthly(request: HttpRequest, site_pk: int) -> HttpResponse:
    """The month's participation per client and for the whole site."""
    site = _site_for(request, site_pk)
    try:
        month = datetime.date.fromisoformat((request.GET.get("kuukausi") or "") + "-01")
    except ValueError:
        month = timezone.localdate().replace(day=1)
    site_placements = list(
        Placement.objects.summarised_for(request.user, month)
        .filter(site=site)
        .select_related("case__client")
    )
    rows = services.monthly_summary(site_placements, month)
    shown = {row["placement"] for row in rows}
    log_shown(
        request,
        what=f"kuukausiyhteenveto {site.name} {month:%m/%Y}",
        clients=[p.case.client_id for p in site_placements if p.pk in shown],
    )
    return render(
        request,
        "placements/monthly.html",
        {
            "site": site,
            "month": month,
            "rows": rows,
            "totals": _month_totals(rows),
            "reasons": AbsenceReason.choices,
        },
    )


@login_required
@require_POST
def closure_add(request: HttpRequest, site_pk: int) -> HttpResponse:
    """The site declares a day without activity (besides public holidays)."""
    site = _site_for(request, site_pk)
    form = ClosureForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_field_errors(form))
        services.site_closure_add(actor=request.user, site=site, past=True, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sulkupäivä merkitty."))
    return redirect("placements:attendance_week", site_pk=site.pk)


@login_required
@require_POST
def placement_update(request: HttpRequest, placement_pk: int) -> HttpResponse:
    """The supervisor records the named supervisor, the orientation visit and the agreement."""
    placement = _placement_for(request, placement_pk, "työtoimintajakson tiedot", Right.SUPERVISE)
    form = PlacementForm(request.POST, instance=placement)
    if form.is_valid() and not form.has_changed():
        messages.info(request, _("Ei muutoksia: mitään ei tallennettu."))
    elif form.is_valid():
        form.save()
        messages.success(request, _("Tiedot tallennettu."))
    else:
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
    return redirect("placements:placement_detail", placement_pk=placement.pk)


def supervisor_panel(request: HttpRequest, user: User, today: datetime.date) -> dict:
    """The home page's panel for a placement supervisor: today's clients, the clients on
    a period, and each own site's week (days not recorded, TT3 notices due)."""
    sites = Site.objects.supervised_by(user).select_related("organization", "municipality")
    current = list(
        Placement.objects.supervised_by(user)
        .filter(site__in=sites, start_on__lte=today, end_on__gte=today)
        .select_related("site", "case")  # the panel shows the placement's own name
    )
    unrecorded = services.week_unrecorded(current, today)
    due = [row for row in services.tt3_due(current, today) if row["due"]]
    return {
        "supervised_sites": sites,
        "placements_today": [p for p in current if today.isoweekday() in p.weekdays],
        "placements_current": current,
        "site_week": [
            {
                "site": site,
                "unrecorded": unrecorded.get(site.pk, 0),
                "tt3_due": [row for row in due if row["placement"].site_id == site.pk],
            }
            for site in sites
        ],
        "shown_cases": [p.case for p in current],
    }

"""A site's absence notices of a fortnight (issue 26): one page, one PDF, one sending."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Site
from clients.access import gate
from clients.listing import log_shown
from clients.models import AccessAction
from core.access import Right, meta_of
from core.pdf import pdf_response, render_pdf
from plans.models import EmploymentPlan

from . import notices
from .access import placements as placements_of
from .access import site_gate


def _fortnight(request: HttpRequest) -> datetime.date:
    text = request.GET.get("alkaen") or request.POST.get("alkaen")
    if not text:
        return notices.last_complete_fortnight(timezone.localdate())[0]
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError as error:
        raise Http404 from error
    return notices.fortnight_of(day)[0]


def _site_notices(request: HttpRequest, site_pk: int) -> tuple[Site, datetime.date, list]:
    site = site_gate(request.user, site_pk)
    start = _fortnight(request)
    plans = EmploymentPlan.objects.select_related("employment_authority").order_by("-drawn_up_on")
    placements = list(
        placements_of(request.user, Right.SUPERVISE)
        .filter(site=site)
        .select_related(
            "case__client", "case__municipality", "case__responsible_worker", "site__organization"
        )
        .prefetch_related(Prefetch("case__employment_plans", queryset=plans))
        .order_by("client_name")
    )
    return site, start, notices.site_notices(placements, start)


@login_required
@require_GET
def notices_page(request: HttpRequest, site_pk: int) -> HttpResponse:
    """The fortnight's notices of the site: to Kela, to a fund, to the employment authority."""
    site, start, found = _site_notices(request, site_pk)
    clients = [n.placement.case.client_id for n in found]
    log_shown(request, what=f"poissaoloilmoitukset {site.name}", clients=clients)
    step = datetime.timedelta(days=14)
    context = {"site": site, "start": start, "end": start + step - datetime.timedelta(days=1)}
    context.update(notices=found, previous=start - step, next=start + step)
    context["unsent"] = [n for n in found if n.status != "sent"]
    return render(request, "placements/notices.html", context)


@login_required
@require_GET
def notices_pdf(request: HttpRequest, site_pk: int) -> HttpResponse:
    """Every notice of the fortnight in one PDF, one form per client and recipient."""
    site, start, found = _site_notices(request, site_pk)
    clients = [n.placement.case.client_id for n in found]
    what = f"poissaoloilmoitukset PDF {site.name}"
    log_shown(request, what=what, clients=clients, action=AccessAction.PDF)
    context = {"site": site, "notices": found, "today": timezone.localdate()}
    context["sender"] = notices.sender_of(request.user, site)
    pdf = render_pdf("placements/notices_pdf.html", context)
    return pdf_response(pdf, f"poissaoloilmoitukset-{site.pk}-{start:%Y%m%d}.pdf")


@login_required
@require_POST
def notices_mark_sent(request: HttpRequest, site_pk: int) -> HttpResponse:
    """All the fortnight's notices marked sent at once."""
    site, start, found = _site_notices(request, site_pk)
    log_shown(
        request,
        what=f"poissaoloilmoitukset lähetetty {site.name}",
        clients=[n.placement.case.client_id for n in found],
        action=AccessAction.CHANGE,
    )
    notices.notices_mark_sent(user=request.user, notices=found)
    messages.success(request, _("Ilmoitukset merkitty lähetetyiksi: %(n)s.") % {"n": len(found)})
    return redirect(f"/tyotoiminta/yksikko/{site.pk}/ilmoitukset/?alkaen={start:%Y-%m-%d}")


@login_required
@require_POST
def notice_undo(request: HttpRequest, notice_pk: int) -> HttpResponse:
    """A notice marked sent by mistake goes back to not sent."""
    notice = gate(
        request.user,
        "absence_notice",
        notice_pk,
        right=Right.SUPERVISE,
        what="poissaoloilmoituksen lähetyksen peruminen",
        meta=meta_of(request),
        action=AccessAction.CHANGE,
    )
    try:
        notices.notice_undo_sent(user=request.user, notice=notice)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    site_pk, start = notice.placement.site_id, notices.fortnight_of(notice.period_start)[0]
    return redirect(f"/tyotoiminta/yksikko/{site_pk}/ilmoitukset/?alkaen={start:%Y-%m-%d}")

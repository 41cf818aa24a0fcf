"""The regional report: one page, its three exports. Aggregates only, never a client."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import Site, User
from core.db import replica_reads
from core.pdf import pdf_response

from . import exports
from .charts import bar_chart
from .forms import ReportFilterForm, bind
from .report import Report, build
from .scope import Scope, scope_for


def describe(form: ReportFilterForm) -> list[tuple[str, str]]:
    """The filters in force, as the reader chose them (for the exports' headers)."""
    shown = []
    for name in ("municipality", "provider", "site", "age_group", "sex", "language"):
        value = form.cleaned_data.get(name)
        if value:
            field = form.fields[name]
            text = (
                str(value) if hasattr(value, "pk") else str(dict(field.choices).get(value, value))
            )
            shown.append((str(field.label), text))
    return shown


def report_for(user, params) -> tuple[Scope, ReportFilterForm, Report | None]:
    """The reader's scope (404 without one), the bound filters, and the report when the
    filters are valid: with bad filters nothing is computed."""
    scope = scope_for(user)
    if scope is None:
        raise Http404
    form = bind(params, scope)
    if not form.is_valid():
        return scope, form, None
    report = build(scope, form.filters())
    report.described = describe(form)
    return scope, form, report


@login_required
@require_GET
def regional(request: HttpRequest) -> HttpResponse:
    _scope, form, report = report_for(request.user, request.GET)
    sections = [{"table": t, "chart": bar_chart(t)} for t in report.tables] if report else []
    query = request.GET.urlencode()
    return render(
        request,
        "reports/report.html",
        {
            "form": form,
            "report": report,
            "sections": sections,
            "query": query,
            "min_cell": settings.KUTY_REPORT_MIN_CELL,
        },
        status=200 if report else 400,
    )


def _export(request: HttpRequest, kind: str) -> HttpResponse:
    _scope, form, report = report_for(request.user, request.GET)
    if report is None or report.preparing:
        context = {"form": form, "report": report, "min_cell": settings.KUTY_REPORT_MIN_CELL}
        response = render(request, "reports/report.html", context, status=503 if report else 400)
        if report:  # the figures are being prepared: ask again in a minute
            response["Retry-After"] = "60"
        return response
    name = f"alueraportti-{report.filters.start:%Y%m%d}-{report.filters.end:%Y%m%d}"
    if kind == "pdf":
        return pdf_response(exports.report_pdf(report), f"{name}.pdf")
    if kind == "csv":
        response = HttpResponse(exports.report_csv(report), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.report_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def regional_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@login_required
@require_GET
def regional_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")


@login_required
@require_GET
def regional_pdf(request: HttpRequest) -> HttpResponse:
    return _export(request, "pdf")


KEY_FIGURES = 4


def key_figures_panel(request: HttpRequest, user: User, today: datetime.date) -> dict:
    """The social-work lead's home (issue 27): the regional report's key figures for its
    default period (each table's total, suppressed as on the report) and the way to it."""
    try:
        _scope, _form, report = report_for(user, QueryDict())
    except Http404:  # no organisation to report on yet
        return {"key_report": None, "key_figures": []}
    figures = []
    if report is not None and not report.preparing:
        figures = [
            (table.title, row.cells[0].text)
            for table in report.tables
            for row in table.rows
            if row.total
        ][:KEY_FIGURES]
    return {"key_report": report, "key_figures": figures}


def capacity_panel(request: HttpRequest, user: User, today: datetime.date) -> dict:
    """The home page's panel for a regional coordinator: active sites and their places
    per municipality, an aggregate that tolerates a moment's lag (the read replica)."""
    with replica_reads():
        capacity = list(
            Site.objects.active()
            .values("municipality__name")
            .annotate(sites=Count("id"), places=Sum("capacity"))
            .order_by("municipality__name")
        )
    return {"capacity_by_municipality": capacity}

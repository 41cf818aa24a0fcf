"""/api/v1/reports/regional/: the same report, filters and suppression as the page."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from .views import report_for

FILTERS = [
    OpenApiParameter("start", OpenApiTypes.DATE),
    OpenApiParameter("end", OpenApiTypes.DATE),
    OpenApiParameter("municipality", OpenApiTypes.INT),
    OpenApiParameter("provider", OpenApiTypes.INT),
    OpenApiParameter("site", OpenApiTypes.INT),
    OpenApiParameter("age_group", OpenApiTypes.STR),
    OpenApiParameter("sex", OpenApiTypes.STR),
    OpenApiParameter("language", OpenApiTypes.STR),
]


class RegionalReportView(APIView):
    """Every table of the report: a hidden count is the string "<5", never the number."""

    @extend_schema(parameters=FILTERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        _scope, form, report = report_for(request.user, request.query_params)
        if report is None:
            errors = form.errors.get_json_data()
            raise ValidationError(
                {name: [error["message"] for error in items] for name, items in errors.items()}
            )
        if report.preparing:  # the rollups are being built by the worker (issue 30)
            detail = _("Lukuja valmistellaan. Yritä hetken kuluttua uudelleen.")
            return Response({"detail": detail}, status=503, headers={"Retry-After": "60"})
        return Response(_report_data(report))


def _table_data(table) -> dict:
    return {
        "key": table.key,
        "title": table.title,
        "columns": table.columns,
        "note": table.note,
        "rows": [
            {"label": row.label, "total": row.total, "values": [c.export for c in row.cells]}
            for row in table.rows
        ],
    }


def _report_data(report) -> dict:
    return {
        "start": report.filters.start,
        "end": report.filters.end,
        "status_day": report.filters.status_day,
        "generated_at": report.generated_at,
        # when the rollup tables were last rebuilt in full, and as the page says it
        "figures_as_of": report.figures_as_of,
        "figures_as_of_text": report.figures_as_of_text,
        "min_cell": report.minimum,
        "filters": dict(report.described),
        "tables": [_table_data(table) for table in report.tables],
    }

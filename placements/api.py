"""/api/v1/placements/, /api/v1/placements/{id}/days/ and /api/v1/attendance/ (bulk upsert):
the interface a provider's own system can use, with the supervisor's scope."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from clients.api import LoggedListMixin
from core import text
from core.access import Right, meta_of
from core.api import GatedObjectMixin

from . import services
from .access import placement_gate, placements, site_gate
from .models import AbsenceReason, AttendanceStatus, Placement


class PlacementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Placement
        fields = [
            "id",
            "site",
            "client_name",
            "client_info",
            "start_on",
            "end_on",
            "weekdays",
            "hours_per_day",
            "goals",
            "contacts",
            "notice_sent_on",
        ]


class DaysSerializer(serializers.Serializer):
    days_in_12_months = serializers.IntegerField()
    limit = serializers.IntegerField()
    limit_reached_on = serializers.DateField(allow_null=True)
    allowance_days_by_month = serializers.DictField(child=serializers.IntegerField())


class PlacementViewSet(GatedObjectMixin, LoggedListMixin, viewsets.ReadOnlyModelViewSet):
    """Placements at the user's sites (supervisors) or of their cases (social workers)."""

    serializer_class = PlacementSerializer
    gate = staticmethod(placement_gate)
    object_what = "työtoimintajakso"
    list_what = "API: työtoimintajaksot"
    filterset_fields = ["site"]

    def get_queryset(self):
        return (
            placements(self.request.user, Right.READ)
            .select_related("case__client", "site")
            .order_by("pk")
        )

    @extend_schema(responses=DaysSerializer)
    @action(detail=True, methods=["get"])
    def days(self, request, pk=None):
        """Participation days in the rolling 12 months and the projected limit date."""
        placement = self.get_object()
        return Response(DaysSerializer(services.participation_counts(placement)).data)


class AttendanceEntrySerializer(serializers.Serializer):
    placement = serializers.IntegerField()
    day = serializers.DateField()
    status = serializers.ChoiceField(choices=AttendanceStatus.choices)
    hours = serializers.DecimalField(
        max_digits=3, decimal_places=1, required=False, allow_null=True
    )
    absence_reason = serializers.ChoiceField(
        choices=AbsenceReason.choices, required=False, allow_blank=True, default=""
    )
    diary = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=text.NOTE
    )


class AttendanceWeekSerializer(serializers.Serializer):
    site = serializers.IntegerField()
    entries = AttendanceEntrySerializer(many=True)


class AttendanceView(GenericAPIView):
    """Save marks for one site in one go: a wrong mark refuses them all; a present day past
    a client's day limit is left out and named in "refused". Repeating a call changes
    nothing."""

    serializer_class = AttendanceWeekSerializer

    @extend_schema(request=AttendanceWeekSerializer, responses={200: dict})
    def post(self, request):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        site = site_gate(request.user, data.validated_data["site"])
        entries, meta = data.validated_data["entries"], meta_of(request)
        try:
            saved = services.attendance_record_week(
                user=request.user, site=site, entries=entries, meta=meta
            )
        except DjangoValidationError:
            services.attendance_refusal_log(
                user=request.user, site=site, entries=entries, meta=meta
            )
            raise
        return Response({"saved": saved.saved, "refused": saved.refused})

"""/api/v1/absence-notices/: each client's notices (client, kind, period, status), in the
reader's scope (a supervisor's sites, a social worker's cases), logged like every list."""

from rest_framework import serializers, viewsets

from clients.access import gate
from clients.api import LoggedListMixin
from core.access import Right
from core.api import GatedObjectMixin
from core.records import catalogue

from .models import AbsenceNotice, NoticeKind, NoticeStatus


def notice_gate(actor, pk, right: Right, **kwargs) -> AbsenceNotice:
    return gate(actor, "absence_notice", pk, right=right, **kwargs)


class AbsenceNoticeSerializer(serializers.ModelSerializer):
    client = serializers.IntegerField(source="placement.case.client_id", read_only=True)
    client_name = serializers.CharField(source="placement.client_name", read_only=True)
    kind = serializers.ChoiceField(choices=NoticeKind.choices, read_only=True)
    status = serializers.ChoiceField(choices=NoticeStatus.choices, read_only=True)

    class Meta:
        model = AbsenceNotice
        fields = [
            "id",
            "placement",
            "client",
            "client_name",
            "kind",
            "recipient",
            "period_start",
            "period_end",
            "status",
            "sent_on",
        ]


class AbsenceNoticeViewSet(GatedObjectMixin, LoggedListMixin, viewsets.ReadOnlyModelViewSet):
    """Absence notices: Kela's TT3, the fund's notice, the report to the employment
    authority; `status` is sent or draft (marked sent, then undone)."""

    serializer_class = AbsenceNoticeSerializer
    gate = staticmethod(notice_gate)
    object_what = "poissaoloilmoitus"
    list_what = "API: poissaoloilmoitukset"
    filterset_fields = ["kind", "placement"]

    def cases_of(self, objects) -> list:
        return [notice.placement.case for notice in objects]

    def get_queryset(self):
        return (
            catalogue["absence_notice"]
            .in_reach(self.request.user, Right.READ)
            .select_related("placement__case__client")
            .order_by("pk")
        )

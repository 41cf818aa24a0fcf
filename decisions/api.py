"""/api/v1/decisions/ with make, notify and replace actions and /api/v1/decisions/{id}/pdf/."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from clients.access import case_gate
from clients.api import LoggedListMixin, WorkedCaseField
from clients.models import AccessAction
from core.access import Right, meta_of
from core.api import GatedObjectMixin
from core.pdf import pdf_response

from . import services
from .access import decision_gate, decisions
from .models import DRAFTED, Coach, Decision, Notification, NotificationMethod


class CoachSerializer(serializers.ModelSerializer):
    class Meta:
        model = Coach
        fields = ["kind", "name", "hours"]


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["method", "sent_on", "received_on", "reconsideration_deadline"]


class DecisionSerializer(serializers.ModelSerializer):
    case = WorkedCaseField()
    client_name = serializers.CharField(source="case.client.full_name", read_only=True)
    coaches = CoachSerializer(many=True, required=False)
    notification = NotificationSerializer(read_only=True, allow_null=True)  # until notified

    class Meta:
        model = Decision
        fields = [
            "id",
            "case",
            "client_name",
            "status",
            "replaces",
            "authority",
            "decision_maker",
            "decided_on",
            *DRAFTED,
            "allowance_amount",
            "language",
            "coaches",
            "notification",
        ]
        read_only_fields = [
            "status",
            "replaces",
            "authority",
            "decision_maker",
            "decided_on",
            "allowance_amount",
            "language",
        ]


class NotifyRequestSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=NotificationMethod.choices)
    sent_on = serializers.DateField()
    electronic_consent = serializers.BooleanField(default=False)


class DecisionViewSet(
    GatedObjectMixin,
    LoggedListMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Decisions of the cases the user works on. Drafts change; made decisions never do."""

    serializer_class = DecisionSerializer
    gate = staticmethod(decision_gate)
    default_right = Right.WORK
    object_what = "päätös"
    list_what = "API: päätökset"
    filterset_fields = ["case", "status"]

    def get_queryset(self):
        return (
            decisions(self.request.user)
            .select_related("case__client", "notification")
            .prefetch_related("coaches")
            .order_by("pk")
        )

    def _fresh(self, decision: Decision) -> dict:
        return self.get_serializer(self.get_queryset().get(pk=decision.pk)).data

    def _save(self, request, decision=None, partial=False):
        serializer = self.get_serializer(decision, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if decision is None:
            case = case_gate(
                request.user,
                data.pop("case").pk,
                Right.WORK,
                what="API: päätöksen valmistelu",
                meta=meta_of(request),
                action=AccessAction.CREATE,
            )
        else:
            data.pop("case", None)
            case = decision.case
        coaches = data.pop("coaches", None)
        if coaches is None and decision is not None:
            coaches = list(decision.coaches.values("kind", "name", "hours"))
        saved = services.decision_save_draft(
            user=request.user, case=case, decision=decision, coaches=coaches or [], **data
        )
        return self._fresh(saved)

    def create(self, request, *args, **kwargs):
        return Response(self._save(request), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        decision = self.get_object()
        return Response(self._save(request, decision, partial=kwargs.get("partial", False)))

    @extend_schema(request=None, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def make(self, request, pk=None):
        decision = services.decision_make(user=request.user, decision=self.get_object())
        return Response(self._fresh(decision))

    @extend_schema(request=NotifyRequestSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def notify(self, request, pk=None):
        decision = self.get_object()
        data = NotifyRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.decision_notify(user=request.user, decision=decision, **data.validated_data)
        return Response(self._fresh(decision))

    @extend_schema(
        request=None,
        responses={
            201: OpenApiResponse(
                DecisionSerializer, description="Uusi luonnos, joka korvaa päätöksen tehtynä."
            )
        },
    )
    @action(detail=True, methods=["post"])
    def replace(self, request, pk=None):
        """A change to a made decision: a new draft that replaces it when made (as the page)."""
        draft = services.decision_replace(user=request.user, decision=self.get_object())
        return Response(self._fresh(draft), status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="PDF"
            )
        }
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        return pdf_response(*services.decision_pdf_file(self.get_object()))

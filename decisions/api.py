"""/api/v1/decisions/ with make and notify actions and /api/v1/decisions/{id}/pdf/."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from clients.api import LoggedListMixin
from clients.models import AccessAction, Case
from clients.services import access_log
from kuty.api import api_validation_error
from kuty.pdf import pdf_response

from . import services
from .models import Coach, Decision, Notification, NotificationMethod


class CoachSerializer(serializers.ModelSerializer):
    class Meta:
        model = Coach
        fields = ["kind", "name", "hours"]


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["method", "sent_on", "received_on", "reconsideration_deadline"]


class DecisionSerializer(serializers.ModelSerializer):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none())
    client_name = serializers.CharField(source="case.client.full_name", read_only=True)
    coaches = CoachSerializer(many=True, required=False)
    notification = NotificationSerializer(read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "case",
            "client_name",
            "status",
            "outcome",
            "replaces",
            "authority",
            "decision_maker",
            "decided_on",
            "legal_basis",
            "site",
            "start_on",
            "end_on",
            "weekdays",
            "hours_per_day",
            "travel_compensation",
            "allowance_kind",
            "allowance_amount",
            "reasons",
            "schedule_difference_reason",
            "contact_person",
            "contact_phone",
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["case"].queryset = Case.objects.workable_by(request.user)


class NotifyRequestSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=NotificationMethod.choices)
    sent_on = serializers.DateField()
    electronic_consent = serializers.BooleanField(default=False)


class DecisionViewSet(
    LoggedListMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Decisions of the cases the user works on. Drafts change; made decisions never do."""

    serializer_class = DecisionSerializer
    list_what = "API: päätökset"
    filterset_fields = ["case", "status"]

    def get_queryset(self):
        return (
            Decision.objects.workable_by(self.request.user)
            .select_related("case__client", "notification")
            .prefetch_related("coaches")
            .order_by("pk")
        )

    def _decision(self, request, what: str) -> Decision:
        decision = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        access_log(
            user=request.user,
            clients=decision.case.client,
            action=AccessAction.VIEW,
            what=f"API: {what} {decision.pk}",
            request=request,
        )
        return decision

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self._decision(request, "päätös")).data)

    def _save(self, request, decision=None, partial=False):
        serializer = self.get_serializer(decision, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = data.pop("case", None) or decision.case
        coaches = data.pop("coaches", None)
        if coaches is None and decision is not None:
            coaches = list(decision.coaches.values("kind", "name", "hours"))
        try:
            saved = services.decision_save_draft(
                user=request.user,
                case=case,
                decision=decision,
                coaches=coaches or [],
                request=request,
                **data,
            )
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return self.get_serializer(self.get_queryset().get(pk=saved.pk)).data

    def create(self, request, *args, **kwargs):
        return Response(self._save(request), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        decision = self._decision(request, "päätöksen muutos")
        return Response(self._save(request, decision, partial=kwargs.get("partial", False)))

    @extend_schema(request=None, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def make(self, request, pk=None):
        decision = self._decision(request, "päätöksen tekeminen")
        try:
            services.decision_make(user=request.user, decision=decision, request=request)
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response(self.get_serializer(self.get_queryset().get(pk=decision.pk)).data)

    @extend_schema(request=NotifyRequestSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def notify(self, request, pk=None):
        decision = self._decision(request, "tiedoksianto")
        data = NotifyRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.decision_notify(
                user=request.user, decision=decision, request=request, **data.validated_data
            )
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response(self.get_serializer(self.get_queryset().get(pk=decision.pk)).data)

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="PDF")})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        decision = self._decision(request, "päätös PDF")
        return pdf_response(*services.decision_pdf_file(decision))

"""/api/v1/assessments/, /api/v1/activation-plans/ and the case phase: same services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from clients.api import LoggedListMixin
from clients.models import AccessAction, Case, Phase
from clients.services import access_log, record_reads
from kuty.api import api_validation_error

from . import services
from .models import ActivationPlan, Assessment, Party, Signature


class AssessmentSerializer(serializers.ModelSerializer):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none())
    client_name = serializers.CharField(source="case.client.full_name", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "case",
            "client_name",
            "started_on",
            "completed_on",
            "summary",
            "capacity_assessment",
            "work_ability_team_consulted",
            "work_ability_team_statement",
            "conclusion",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["case"].queryset = Case.objects.workable_by(request.user)


class AssessmentViewSet(
    LoggedListMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Service-need assessments of the cases the user works on."""

    serializer_class = AssessmentSerializer
    list_what = "API: arvioinnit"
    filterset_fields = ["case"]

    def get_queryset(self):
        return Assessment.objects.workable_by(self.request.user).select_related("case__client")

    def retrieve(self, request, *args, **kwargs):
        assessment = self.get_object()
        access_log(
            user=request.user,
            clients=assessment.case.client,
            action=AccessAction.VIEW,
            what=f"API: arviointi {assessment.pk}",
            request=request,
        )
        return Response(self.get_serializer(assessment).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        try:
            assessment = services.assessment_record(user=request.user, request=request, **data)
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response(self.get_serializer(assessment).data, status=status.HTTP_201_CREATED)


class SignatureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Signature
        fields = ["party", "signer_name", "signed_on"]


class ActivationPlanSerializer(serializers.ModelSerializer):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none())
    signatures = SignatureSerializer(many=True, read_only=True)
    end_on = serializers.DateField(read_only=True)
    missing_items = serializers.ListField(child=serializers.CharField(), read_only=True)
    client_name = serializers.CharField(source="case.client.full_name", read_only=True)

    class Meta:
        model = ActivationPlan
        fields = [
            "id",
            "case",
            "client_name",
            "plan_type",
            "version",
            "previous",
            "state",
            *ActivationPlan.CONTENTS,
            "includes_kuty",
            *ActivationPlan.KUTY_ITEMS,
            "end_on",
            "missing_items",
            "signatures",
            "interruption_event",
            "event_on",
            "hearing_on",
            "hearing_summary",
            "interrupted_on",
        ]
        read_only_fields = [
            "version",
            "previous",
            "state",
            "interruption_event",
            "event_on",
            "hearing_on",
            "hearing_summary",
            "interrupted_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["case"].queryset = Case.objects.workable_by(request.user)


class SignRequestSerializer(serializers.Serializer):
    party = serializers.ChoiceField(choices=Party.choices)
    signer_name = serializers.CharField(max_length=200)
    signed_on = serializers.DateField(required=False)


class InterruptRequestSerializer(serializers.Serializer):
    interruption_event = serializers.CharField()
    event_on = serializers.DateField()
    hearing_on = serializers.DateField(required=False, allow_null=True, default=None)
    hearing_summary = serializers.CharField(required=False, allow_blank=True, default="")
    interrupted_on = serializers.DateField()


class ActivationPlanViewSet(
    LoggedListMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Activation / multi-sector employment plans: co-written, signed by all three."""

    serializer_class = ActivationPlanSerializer
    list_what = "API: suunnitelmat"
    filterset_fields = ["case", "state"]

    def get_queryset(self):
        return (
            ActivationPlan.objects.visible_to(self.request.user)
            .select_related("case__client", "plan_type")
            .prefetch_related("signatures")
            .order_by("pk")
        )

    def _plan(self, request, what: str) -> ActivationPlan:
        plan = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        record_reads(
            user=request.user, cases=[plan.case], what=f"API: {what} {plan.pk}", request=request
        )
        access_log(
            user=request.user,
            clients=plan.case.client,
            action=AccessAction.VIEW,
            what=f"API: {what} {plan.pk}",
            request=request,
        )
        return plan

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self._plan(request, "suunnitelma")).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            plan = services.activation_plan_create(
                user=request.user, request=request, **serializer.validated_data
            )
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response(self.get_serializer(plan).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        plan = self._plan(request, "suunnitelman muutos")
        serializer = self.get_serializer(
            plan, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("case", None)
        try:
            plan = services.activation_plan_update(
                user=request.user, plan=plan, request=request, **data
            )
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response(self.get_serializer(plan).data)

    @extend_schema(request=SignRequestSerializer, responses=ActivationPlanSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        plan = self._plan(request, "allekirjoitus")
        data = SignRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.activation_plan_sign(
                user=request.user, plan=plan, request=request, **data.validated_data
            )
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(request=None, responses=ActivationPlanSerializer)
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        plan = self._plan(request, "uusiminen")
        try:
            renewal = services.activation_plan_renew(user=request.user, plan=plan, request=request)
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response(self.get_serializer(renewal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=InterruptRequestSerializer, responses=ActivationPlanSerializer)
    @action(detail=True, methods=["post"])
    def interrupt(self, request, pk=None):
        plan = self._plan(request, "keskeytys")
        data = InterruptRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            plan = services.activation_plan_interrupt(
                user=request.user, plan=plan, request=request, **data.validated_data
            )
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response(self.get_serializer(plan).data)


class PhaseSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.choices)


class CasePhaseView(GenericAPIView):
    """Move a case to another phase (the decision phase needs an employment plan)."""

    serializer_class = PhaseSerializer

    def post(self, request, pk: int):
        case = get_object_or_404(Case.objects.workable_by(request.user), pk=pk)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.case_set_phase(
                user=request.user,
                case=case,
                request=request,
                phase=serializer.validated_data["phase"],
            )
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response({"phase": serializer.validated_data["phase"]})

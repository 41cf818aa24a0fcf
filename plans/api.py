"""/api/v1/assessments/, /api/v1/activation-plans/ and the case phase: same services."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from clients.access import case_gate, cases
from clients.api import LoggedListMixin, WorkedCaseField
from clients.lifecycle import case_move
from clients.models import AccessAction, Phase
from core.access import Right, meta_of
from core.api import GatedObjectMixin

from . import services
from .access import assessment_gate, plan_gate, plans
from .models import ActivationPlan, Assessment, InterruptionEvent, Party, Signature


class AssessmentSerializer(serializers.ModelSerializer):
    case = WorkedCaseField()
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


class AssessmentViewSet(
    GatedObjectMixin,
    LoggedListMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Service-need assessments of the cases the user works on."""

    serializer_class = AssessmentSerializer
    gate = staticmethod(assessment_gate)
    default_right = Right.WORK
    object_what = "arviointi"
    list_what = "API: arvioinnit"
    filterset_fields = ["case"]

    def get_queryset(self):
        return (
            Assessment.objects.filter(case__in=cases(self.request.user, Right.WORK))
            .select_related("case__client")
            .order_by("pk")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["case"] = case_gate(
            request.user,
            data["case"].pk,
            Right.WORK,
            what="API: arvioinnin kirjaus",
            meta=meta_of(request),
            action=AccessAction.CREATE,
        )
        assessment = services.assessment_record(user=request.user, **data)
        return Response(self.get_serializer(assessment).data, status=status.HTTP_201_CREATED)


class SignatureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Signature
        fields = ["party", "signer_name", "signed_on"]


class ActivationPlanSerializer(serializers.ModelSerializer):
    """The case is set when the plan is drafted and never changes (so a co-writing
    employment authority, who does not work on the case, can send the whole plan)."""

    case = WorkedCaseField()
    signatures = SignatureSerializer(many=True, read_only=True)
    end_on = serializers.DateField(read_only=True)
    missing_items = serializers.ListField(child=serializers.CharField(), read_only=True)
    client_name = serializers.CharField(source="case.client.full_name", read_only=True)
    # Empty until the plan is interrupted: the schema's enum must allow "".
    interruption_event = serializers.ChoiceField(
        choices=InterruptionEvent.choices, allow_blank=True, read_only=True
    )

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
        if self.instance is not None:
            self.fields["case"].read_only = True


class SignRequestSerializer(serializers.Serializer):
    party = serializers.ChoiceField(choices=Party.choices)
    signer_name = serializers.CharField(max_length=200)
    signed_on = serializers.DateField(required=False)


class InterruptRequestSerializer(serializers.Serializer):
    interruption_event = serializers.ChoiceField(choices=InterruptionEvent.choices)
    event_on = serializers.DateField()
    hearing_on = serializers.DateField(required=False, allow_null=True, default=None)
    hearing_summary = serializers.CharField(required=False, allow_blank=True, default="")
    interrupted_on = serializers.DateField()


class ActivationPlanViewSet(
    GatedObjectMixin,
    LoggedListMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Activation / multi-sector employment plans: co-written, signed by all three.

    Rights as on the pages: the employment authority reads, co-writes and signs a plan
    shared with it (CO_SIGN); renewing and interrupting are the organiser's (WORK)."""

    serializer_class = ActivationPlanSerializer
    gate = staticmethod(plan_gate)
    rights = {
        "retrieve": Right.READ,
        "update": Right.CO_SIGN,
        "partial_update": Right.CO_SIGN,
        "sign": Right.CO_SIGN,
        "renew": Right.WORK,
        "interrupt": Right.WORK,
    }
    object_what = "suunnitelma"
    list_what = "API: suunnitelmat"
    filterset_fields = ["case", "state"]

    def get_queryset(self):
        return (
            plans(self.request.user, Right.READ)
            .select_related("case__client", "plan_type")
            .prefetch_related("signatures")
            .order_by("pk")
        )

    def _fresh(self, plan: ActivationPlan) -> dict:
        return self.get_serializer(self.get_queryset().get(pk=plan.pk)).data

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["case"] = case_gate(
            request.user,
            data["case"].pk,
            Right.WORK,
            what="API: suunnitelman laadinta",
            meta=meta_of(request),
            action=AccessAction.CREATE,
        )
        plan = services.activation_plan_create(user=request.user, **data)
        return Response(self._fresh(plan), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        plan = self.get_object()
        serializer = self.get_serializer(
            plan, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("case", None)
        plan = services.activation_plan_update(user=request.user, plan=plan, **data)
        return Response(self._fresh(plan))

    @extend_schema(request=SignRequestSerializer, responses=ActivationPlanSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        plan = self.get_object()
        data = SignRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.activation_plan_sign(user=request.user, plan=plan, **data.validated_data)
        return Response(self._fresh(plan))

    @extend_schema(request=None, responses={201: ActivationPlanSerializer})
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        renewal = services.activation_plan_renew(user=request.user, plan=self.get_object())
        return Response(self._fresh(renewal), status=status.HTTP_201_CREATED)

    @extend_schema(request=InterruptRequestSerializer, responses=ActivationPlanSerializer)
    @action(detail=True, methods=["post"])
    def interrupt(self, request, pk=None):
        plan = self.get_object()
        data = InterruptRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = services.activation_plan_interrupt(
            user=request.user, plan=plan, **data.validated_data
        )
        return Response(self._fresh(plan))


class PhaseSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.choices)
    reason = serializers.CharField(max_length=500)


class PhaseResultSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.choices)


class CasePhaseView(GenericAPIView):
    """Move a case to another phase (the decision phase needs an employment plan)."""

    serializer_class = PhaseSerializer

    @extend_schema(request=PhaseSerializer, responses=PhaseResultSerializer)
    def post(self, request, pk: int):
        case = case_gate(
            request.user,
            pk,
            Right.WORK,
            what="API: vaiheen muutos",
            meta=meta_of(request),
            action=AccessAction.CHANGE,
        )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case_move(user=request.user, case=case, **serializer.validated_data)
        return Response({"phase": serializer.validated_data["phase"]})

"""/api/v1/support-plans/, /integration-flags/, /handovers/: the same gates, rights and
services as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import User
from clients.models import AccessAction
from core.access import Right, meta_of
from core.api import api_validation_error

from . import flags, services
from .access import flag_gate, flags_of, handovers, log_flags, log_paths, path_gate, paths
from .models import Handover, IntegrationFlag, SupportPath
from .plan import composite


class EntrySerializer(serializers.Serializer):
    kind = serializers.CharField()
    text = serializers.CharField()
    day = serializers.DateField(allow_null=True)
    extra = serializers.CharField()


class PartSerializer(serializers.Serializer):
    owner = serializers.CharField()
    title = serializers.CharField()
    entries = EntrySerializer(many=True)


class SupportPathSerializer(serializers.ModelSerializer):
    client_name = serializers.CharField(source="client.full_name", read_only=True)
    team_name = serializers.CharField(source="team.name", read_only=True)
    responsible_worker_name = serializers.SerializerMethodField()
    responsible_organization_name = serializers.CharField(
        source="responsible_organization.name", read_only=True, default=""
    )

    class Meta:
        model = SupportPath
        fields = [
            "id",
            "client",
            "client_name",
            "team",
            "team_name",
            "phase",
            "recognised_by",
            "recognised_on",
            "referral_kind",
            "responsible_worker",
            "responsible_worker_name",
            "responsible_organization_name",
            "ends_on",
            "continuation",
        ]

    def get_responsible_worker_name(self, path) -> str:
        worker = path.responsible_worker
        return worker.get_full_name() if worker else ""


class SupportPlanSerializer(SupportPathSerializer):
    """The composite plan: the baseline while the team's part is visible, and every part
    labelled with the registrar that wrote it."""

    parts = serializers.SerializerMethodField()
    goals = serializers.SerializerMethodField()

    class Meta(SupportPathSerializer.Meta):
        fields = [*SupportPathSerializer.Meta.fields, "goals", "parts"]

    def get_goals(self, path) -> str:
        return path.goals if path.consent.is_in_force() else ""

    def get_parts(self, path) -> list[dict]:
        parts = composite(path, team_part=path.consent.is_in_force())
        return PartSerializer(parts, many=True).data


def _path_gate(user, pk, right, **kwargs):
    return path_gate(user, "support_path", pk, right=right, team_part=True, **kwargs)


class SupportPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """The shared plans the user reaches (the list: the paths; the detail: the plan)."""

    serializer_class = SupportPathSerializer

    def get_queryset(self):
        return (
            paths(self.request.user)
            .select_related("client", "team", "responsible_worker", "responsible_organization")
            .order_by("pk")
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        log_paths(
            request.user,
            page,
            what="API: työkykypolut",
            meta=meta_of(request),
            action=AccessAction.LIST,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        path = _path_gate(
            request.user,
            kwargs["pk"],
            Right.READ,
            what="API: yhteinen suunnitelma",
            meta=meta_of(request),
        )
        return Response(SupportPlanSerializer(path).data)


class IntegrationFlagSerializer(serializers.ModelSerializer):
    client_name = serializers.CharField(source="client.full_name", read_only=True)
    explanation = serializers.SerializerMethodField()

    class Meta:
        model = IntegrationFlag
        fields = ["id", "client", "client_name", "raised_on", "fired", "explanation", "suggested"]

    def get_explanation(self, flag) -> list[str]:
        return flags.explain(flag)


class IntegrationFlagViewSet(viewsets.ReadOnlyModelViewSet):
    """The open flags of the clients the user reaches, with the rules that fired."""

    serializer_class = IntegrationFlagSerializer

    def get_queryset(self):
        found = flags_of(self.request.user).filter(cleared_on__isnull=True)
        return found.select_related("client").order_by("pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        log_flags(
            request.user,
            page,
            what="API: integraatiomerkinnät",
            meta=meta_of(request),
            action=AccessAction.LIST,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        flag = flag_gate(
            request.user, kwargs["pk"], what="API: integraatiomerkintä", meta=meta_of(request)
        )
        return Response(self.get_serializer(flag).data)


class HandoverSerializer(serializers.ModelSerializer):
    path = serializers.IntegerField(source="path_id")  # gated: out of scope is 404
    to_worker = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    client_name = serializers.CharField(source="path.client.full_name", read_only=True)

    class Meta:
        model = Handover
        fields = [
            "id",
            "path",
            "client_name",
            "from_worker",
            "to_worker",
            "to_organization",
            "reason",
            "proposed_on",
            "accepted_at",
        ]
        read_only_fields = ["from_worker", "to_organization", "proposed_on", "accepted_at"]


def _handover_gate(user, pk, right, request, what: str, action=AccessAction.VIEW):
    return path_gate(
        user, "handover", pk, right=right, what=what, meta=meta_of(request), action=action
    )


class HandoverViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Hand-overs of the responsible worker: proposed by the current worker, accepted
    (`accept`) by the receiver."""

    serializer_class = HandoverSerializer

    def get_queryset(self):
        found = handovers(self.request.user)
        return found.select_related("path__client").order_by("pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        log_paths(
            request.user,
            [h.path for h in page],
            what="API: vastuutyöntekijän vaihdot",
            meta=meta_of(request),
            action=AccessAction.LIST,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        handover = _handover_gate(request.user, kwargs["pk"], Right.READ, request, "API: vaihto")
        return Response(self.get_serializer(handover).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        path = _path_gate(
            request.user,
            data["path_id"],
            Right.WORK,
            what="API: vaihdon ehdotus",
            meta=meta_of(request),
            action=AccessAction.CHANGE,
        )
        try:
            handover = services.handover_propose(
                actor=request.user, path=path, to_worker=data["to_worker"], reason=data["reason"]
            )
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response(self.get_serializer(handover).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        handover = _handover_gate(
            request.user, pk, Right.WORK, request, "API: vaihdon hyväksyntä", AccessAction.CHANGE
        )
        try:
            handover = services.handover_accept(actor=request.user, handover=handover)
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response(self.get_serializer(handover).data)

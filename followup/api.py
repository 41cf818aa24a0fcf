"""/api/v1/evaluations/, /capacity-assessments/, /reviews/, /closures/: the same gates,
rights and services as the pages."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from clients.access import case_gate
from clients.api import LoggedListMixin, WorkedCaseField
from clients.models import AccessAction
from core.access import Right, meta_of
from core.api import GatedObjectMixin

from . import reminders, services, todo
from .access import (
    capacity_assessments,
    capacity_gate,
    closure_gate,
    closures,
    evaluation_gate,
    evaluations,
    placement_target,
    reminder_gate,
    review_gate,
    reviews,
)
from .models import (
    CapacityAssessment,
    Closure,
    Evaluation,
    Reminder,
    ReminderKind,
    ReminderStatus,
    Review,
)


class ForeignIdField(serializers.IntegerField):
    """A foreign key's id: written as a number, read from `<field>_id` (no query)."""

    def get_attribute(self, instance):
        return getattr(instance, f"{self.source}_id")


class EvaluationScoreSerializer(serializers.Serializer):
    item = ForeignIdField()
    score = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class EvaluationSerializer(serializers.ModelSerializer):
    client_name = serializers.CharField(source="case.client.full_name", read_only=True)
    case = serializers.IntegerField(source="case_id")
    placement = serializers.IntegerField(source="placement_id")
    scores = EvaluationScoreSerializer(many=True)

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "case",
            "client_name",
            "placement",
            "form",
            "kind",
            "evaluated_on",
            "author_role",
            "summary",
            "scores",
        ]
        read_only_fields = ["form"]


class CapacityScoreSerializer(serializers.Serializer):
    domain = ForeignIdField()
    score = serializers.IntegerField(min_value=0, max_value=10)


class CapacityAssessmentSerializer(serializers.ModelSerializer):
    client_name = serializers.CharField(source="case.client.full_name", read_only=True)
    case = serializers.IntegerField(source="case_id")
    placement = serializers.IntegerField(source="placement_id", required=False, allow_null=True)
    scores = CapacityScoreSerializer(many=True)

    class Meta:
        model = CapacityAssessment
        fields = [
            "id",
            "case",
            "client_name",
            "placement",
            "assessed_on",
            "phase",
            "helped_by",
            "scores",
        ]


class ReviewSerializer(serializers.ModelSerializer):
    client_name = serializers.CharField(source="case.client.full_name", read_only=True)
    case = WorkedCaseField()

    class Meta:
        model = Review
        fields = [
            "id",
            "case",
            "client_name",
            "kind",
            "held_on",
            "participants",
            "agreed",
            "next_review_on",
        ]


class ClosureSerializer(serializers.ModelSerializer):
    client_name = serializers.CharField(source="case.client.full_name", read_only=True)
    case = WorkedCaseField()

    class Meta:
        model = Closure
        fields = [
            "id",
            "case",
            "client_name",
            "closed_on",
            "reason",
            "reason_other",
            "next_path",
            "continuation_plan",
            "contact_person",
            "contact_details",
            "final_evaluation_done",
            "self_assessment_done",
            "not_done_reason",
            "client_plan_updated",
            "employment_plan_updated",
        ]


class _FollowupViewSet(
    GatedObjectMixin,
    LoggedListMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    filterset_fields = ["case"]


class EvaluationViewSet(_FollowupViewSet):
    """Evaluations: the supervisor of the placement's site and the case's social worker."""

    serializer_class = EvaluationSerializer
    gate = staticmethod(evaluation_gate)
    object_what = "arviointi"
    list_what = "API: arvioinnit"

    def get_queryset(self):
        return (
            evaluations(self.request.user)
            .select_related("case__client")
            .prefetch_related("scores")
            .order_by("pk")
        )

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        case, placement = placement_target(
            request.user,
            case_pk=values.pop("case_id"),
            placement_pk=values.pop("placement_id"),
            what="API: arvioinnin kirjaus",
            meta=meta_of(request),
        )
        scores = {s["item"]: (s["score"], s["comment"]) for s in values.pop("scores")}
        evaluation = services.evaluation_record(
            user=request.user, case=case, placement=placement, scores=scores, **values
        )
        return Response(self.get_serializer(evaluation).data, status=status.HTTP_201_CREATED)


class CapacityAssessmentViewSet(_FollowupViewSet):
    """The client's capacity self-assessments (domain scores 0–10)."""

    serializer_class = CapacityAssessmentSerializer
    gate = staticmethod(capacity_gate)
    object_what = "itsearvio"
    list_what = "API: itsearviot"

    def get_queryset(self):
        return (
            capacity_assessments(self.request.user)
            .select_related("case__client")
            .prefetch_related("scores")
            .order_by("pk")
        )

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        case, placement = placement_target(
            request.user,
            case_pk=values.pop("case_id"),
            placement_pk=values.pop("placement_id", None),
            what="API: itsearvion kirjaus",
            meta=meta_of(request),
        )
        scores = {s["domain"]: s["score"] for s in values.pop("scores")}
        assessment = services.capacity_assessment_record(
            user=request.user, case=case, placement=placement, scores=scores, **values
        )
        return Response(self.get_serializer(assessment).data, status=status.HTTP_201_CREATED)


class _CaseRecordViewSet(_FollowupViewSet):
    """Records written on a case the user works on: the case through its gate (one log
    row), then the app's service."""

    default_right = Right.WORK
    create_what = ""
    record = None  # the service: (user=, case=, **fields) -> the record

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        case = case_gate(
            request.user,
            values.pop("case").pk,
            Right.WORK,
            what=self.create_what,
            meta=meta_of(request),
            action=AccessAction.CREATE,
        )
        saved = self.record(user=request.user, case=case, **values)
        return Response(self.get_serializer(saved).data, status=status.HTTP_201_CREATED)


class ReviewViewSet(_CaseRecordViewSet):
    """Plan reviews and feedback discussions of the cases the user works on."""

    serializer_class = ReviewSerializer
    gate = staticmethod(review_gate)
    record = staticmethod(services.review_record)
    object_what = "tarkistus"
    list_what = "API: tarkistukset"
    create_what = "API: tarkistuksen kirjaus"

    def get_queryset(self):
        return reviews(self.request.user).select_related("case__client").order_by("pk")


class ClosureViewSet(_CaseRecordViewSet):
    """Closures (palvelun päättäminen) with the next path; POST closes the case."""

    serializer_class = ClosureSerializer
    gate = staticmethod(closure_gate)
    record = staticmethod(services.case_close_with_closure)
    object_what = "päättäminen"
    list_what = "API: päättämiset"
    create_what = "API: palvelun päättäminen"

    def get_queryset(self):
        return closures(self.request.user).select_related("case__client").order_by("pk")


class ReminderSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    case = serializers.IntegerField(source="case_id", read_only=True)
    placement = serializers.IntegerField(source="placement_id", read_only=True, allow_null=True)
    client_name = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()

    class Meta:
        model = Reminder
        fields = [
            "id",
            "kind",
            "kind_display",
            "case",
            "placement",
            "client_name",
            "due_on",
            "overdue",
            "text",
            "url",
            "status",
            "dismiss_reason",
            "created_at",
            "closed_at",
        ]
        read_only_fields = fields

    def _item(self, reminder) -> todo.Item:
        cached = getattr(reminder, "_todo_item", None)
        if cached is None:
            cached = reminder._todo_item = todo.items([reminder])[0]
        return cached

    def get_client_name(self, reminder) -> str:
        return self._item(reminder).name

    def get_url(self, reminder) -> str:
        return self._item(reminder).url

    def get_overdue(self, reminder) -> bool:
        return self._item(reminder).overdue

    def get_text(self, reminder) -> str:
        return self._item(reminder).text


class DismissSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class ReminderFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ReminderStatus.choices)
    kind = django_filters.ChoiceFilter(choices=ReminderKind.choices)

    class Meta:
        model = Reminder
        fields = ["status", "kind"]


class ReminderViewSet(GatedObjectMixin, LoggedListMixin, viewsets.ReadOnlyModelViewSet):
    """The user's own reminders (the open ones unless `status` is given), overdue first;
    `done` and `dismiss` close one."""

    serializer_class = ReminderSerializer
    filterset_class = ReminderFilter
    gate = staticmethod(reminder_gate)
    object_what = "muistutus"
    list_what = "API: muistutukset"

    def get_queryset(self):
        if not self.request.user.is_authenticated:  # the schema generator asks too
            return Reminder.objects.none()
        mine = Reminder.objects.for_user(self.request.user)
        if "status" not in self.request.query_params:
            mine = mine.open()
        return todo.annotated(mine, self.request.user)

    def _answer(self, reminder) -> Response:
        shown = todo.annotated(Reminder.objects.filter(pk=reminder.pk), self.request.user).get()
        return Response(self.get_serializer(shown).data)

    @extend_schema(request=None, responses=ReminderSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        return self._answer(reminders.reminder_done(user=request.user, reminder=self.get_object()))

    @extend_schema(request=DismissSerializer, responses=ReminderSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        reminder = self.get_object()
        data = DismissSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(
            reminders.reminder_dismiss(
                user=request.user, reminder=reminder, reason=data.validated_data["reason"]
            )
        )

"""/api/v1/clients/, /api/v1/cases/, /api/v1/consents/: same scope, services and logs as pages."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Organization, User
from core.access import Right, meta_of
from core.api import GatedObjectMixin

from . import services
from .access import access_log, case_gate, cases, client_gate, consent_gate, consents, log_listed
from .models import AccessAction, Case, Client, Consent
from .validators import identifier_errors, normalize_hetu


class ClientSerializer(serializers.ModelSerializer):
    hetu = serializers.SerializerMethodField()

    class Meta:
        model = Client
        fields = [
            "id",
            "identifier_kind",
            "hetu",
            "first_names",
            "last_name",
            "phone",
            "email",
            "street_address",
            "postal_code",
            "post_office",
            "home_municipality",
            "language",
            "interpreter_needed",
            "support_person",
        ]

    CONTACT_FIELDS = (
        "phone",
        "email",
        "street_address",
        "postal_code",
        "post_office",
        "support_person",
    )

    def get_hetu(self, client: Client) -> str:
        # In full only to those who work on the client's case.
        workable = self.context.get("workable_client_ids", set())
        return client.hetu if client.pk in workable else client.masked_hetu

    def to_representation(self, client: Client) -> dict:
        data = super().to_representation(client)
        if client.pk not in self.context.get("workable_client_ids", set()):
            for name in self.CONTACT_FIELDS:  # the case page hides these too
                data[name] = ""
        return data


class CaseSerializer(serializers.ModelSerializer):
    client_name = serializers.CharField(source="client.full_name", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "client",
            "client_name",
            "municipality",
            "responsible_worker",
            "phase",
            "opened_on",
            "closed_on",
        ]
        read_only_fields = fields  # a case is opened with CaseOpenSerializer


class ClientDataSerializer(serializers.ModelSerializer):
    hetu = serializers.CharField(max_length=11)

    class Meta:
        model = Client
        fields = [
            "identifier_kind",
            "hetu",
            "identifier_reason",
            "first_names",
            "last_name",
            "phone",
            "email",
            "street_address",
            "postal_code",
            "post_office",
            "home_municipality",
            "language",
            "interpreter_needed",
            "support_person",
        ]

    def validate_hetu(self, value: str) -> str:
        return normalize_hetu(value)

    def validate(self, attrs: dict) -> dict:
        errors = identifier_errors(
            attrs.get("identifier_kind", "hetu"), attrs["hetu"], attrs.get("identifier_reason", "")
        )
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class CaseOpenSerializer(serializers.Serializer):
    client = ClientDataSerializer()
    municipality = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    responsible_worker = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    opened_on = serializers.DateField(required=False)


@extend_schema_field(OpenApiTypes.INT)
class WorkedCaseField(serializers.PrimaryKeyRelatedField):
    """A case in the request's body: one the user works on (the social-work scope)."""

    def get_queryset(self):
        request = self.context.get("request")
        return cases(request.user, Right.WORK) if request is not None else Case.objects.none()


class ConsentSerializer(serializers.ModelSerializer):
    case = WorkedCaseField(write_only=True)
    in_force = serializers.SerializerMethodField()
    client_name = serializers.CharField(source="client.full_name", read_only=True)

    class Meta:
        model = Consent
        fields = [
            "id",
            "case",
            "client",
            "client_name",
            "organization",
            "information",
            "purpose",
            "given_on",
            "expires_on",
            "withdrawn_at",
            "in_force",
        ]
        read_only_fields = ["client", "withdrawn_at"]

    def get_in_force(self, consent: Consent) -> bool:
        return consent.is_in_force()


class LoggedListMixin:
    """list(): one page of records of cases, every listed client written to the access log
    once (and, for reads by consent, to the disclosure log)."""

    list_what = ""

    def cases_of(self, objects) -> list[Case]:
        return [obj.case for obj in objects]

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        log_listed(request.user, self.cases_of(page), what=self.list_what, meta=meta_of(request))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ClientViewSet(GatedObjectMixin, LoggedListMixin, viewsets.ReadOnlyModelViewSet):
    """Clients whose cases the user may see."""

    serializer_class = ClientSerializer
    gate = staticmethod(client_gate)
    object_what = "asiakas"
    list_what = "API: asiakkaat"

    def get_queryset(self):
        return Client.objects.filter(
            pk__in=cases(self.request.user, Right.READ).values("client_id")
        ).order_by("pk")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        worked = cases(self.request.user, Right.WORK).values_list("client_id", flat=True)
        context["workable_client_ids"] = set(worked)
        return context

    def cases_of(self, clients) -> list[Case]:
        shown = cases(self.request.user, Right.READ).filter(client__in=clients)
        return list(shown.select_related("client").distinct("client_id").order_by("client_id"))


class CaseViewSet(
    GatedObjectMixin, LoggedListMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Cases (asiakkuudet) the user may see; a social worker opens one with POST."""

    serializer_class = CaseSerializer
    gate = staticmethod(case_gate)
    object_what = "asiakkuus"
    list_what = "API: asiakkuudet"
    filterset_fields = ["phase", "municipality", "responsible_worker"]

    def cases_of(self, objects) -> list[Case]:
        return list(objects)

    @extend_schema(request=CaseOpenSerializer, responses=CaseSerializer)
    def create(self, request, *args, **kwargs):
        data = CaseOpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        case = services.case_open(
            user=request.user, client_data=values.pop("client"), meta=meta_of(request), **values
        )
        return Response(CaseSerializer(case).data, status=status.HTTP_201_CREATED)

    def get_queryset(self):
        return cases(self.request.user, Right.READ).select_related("client").order_by("pk")


class ConsentViewSet(
    GatedObjectMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Consents of the clients whose cases the user works on; record and withdraw."""

    serializer_class = ConsentSerializer
    object_what = "suostumus"

    @staticmethod
    def gate(actor, pk, right, **kwargs):
        return consent_gate(actor, pk, **kwargs)

    def get_queryset(self):
        return consents(self.request.user).order_by("pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        access_log(
            user=request.user,
            clients=[c.client for c in page],
            action=AccessAction.LIST,
            what="API: suostumukset",
            meta=meta_of(request),
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = case_gate(
            request.user,
            data.pop("case").pk,
            Right.WORK,
            what="API: suostumuksen kirjaus",
            meta=meta_of(request),
            action=AccessAction.CHANGE,
        )
        consent = services.consent_record(user=request.user, case=case, **data)
        return Response(self.get_serializer(consent).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ConsentSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        consent = self.get_object()
        services.consent_withdraw(user=request.user, consent=consent)
        consent.refresh_from_db()
        return Response(self.get_serializer(consent).data)

"""/api/v1/clients/, /api/v1/cases/, /api/v1/consents/: same scope, services and logs as pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Organization, User
from kuty.api import api_validation_error

from . import services
from .models import AccessAction, Case, Client, Consent
from .validators import normalize_hetu, validate_hetu


class ClientSerializer(serializers.ModelSerializer):
    hetu = serializers.SerializerMethodField()

    class Meta:
        model = Client
        fields = [
            "id",
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
    hetu = serializers.CharField(max_length=11, validators=[validate_hetu])

    class Meta:
        model = Client
        fields = [
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

    def validate_hetu(self, value: str) -> str:
        return normalize_hetu(value)


class CaseOpenSerializer(serializers.Serializer):
    client = ClientDataSerializer()
    municipality = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    responsible_worker = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    opened_on = serializers.DateField(required=False)


class ConsentSerializer(serializers.ModelSerializer):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none(), write_only=True)
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["case"].queryset = Case.objects.workable_by(request.user)

    def get_in_force(self, consent: Consent) -> bool:
        return consent.is_in_force()


def _log_listed(request, cases, what: str) -> None:
    services.record_reads(
        user=request.user, cases=cases, action=AccessAction.LIST, what=what, request=request
    )


class LoggedListMixin:
    """list(): one page of records of cases, every listed client written to the access log
    (and, for reads by consent, to the disclosure log). Querysets select case__client."""

    list_what = ""

    def cases_of(self, objects) -> list[Case]:
        return [obj.case for obj in objects]

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        _log_listed(request, self.cases_of(page), self.list_what)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ClientViewSet(viewsets.ReadOnlyModelViewSet):
    """Clients whose cases the user may see."""

    serializer_class = ClientSerializer

    def get_queryset(self):
        return Client.objects.visible_to(self.request.user).order_by("pk")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        workable = Case.objects.workable_by(self.request.user).values_list("client_id", flat=True)
        context["workable_client_ids"] = set(workable)
        return context

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        ids = [row["id"] for row in response.data["results"]]
        cases = Case.objects.visible_to(request.user).filter(client__in=ids)
        _log_listed(request, cases.select_related("client"), "API: asiakkaat")
        return response

    def retrieve(self, request, *args, **kwargs):
        client = self.get_object()
        cases = Case.objects.visible_to(request.user).filter(client=client).select_related("client")
        services.record_reads(user=request.user, cases=cases, what="API: asiakas", request=request)
        services.access_log(
            user=request.user,
            clients=client,
            action=AccessAction.VIEW,
            what="API: asiakas",
            request=request,
        )
        return Response(self.get_serializer(client).data)


class CaseViewSet(LoggedListMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Cases (asiakkuudet) the user may see; a social worker opens one with POST."""

    serializer_class = CaseSerializer
    list_what = "API: asiakkuudet"

    def cases_of(self, objects) -> list[Case]:
        return list(objects)

    @extend_schema(request=CaseOpenSerializer, responses=CaseSerializer)
    def create(self, request, *args, **kwargs):
        data = CaseOpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            case = services.case_open(
                user=request.user, client_data=values.pop("client"), request=request, **values
            )
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response(CaseSerializer(case).data, status=status.HTTP_201_CREATED)

    filterset_fields = ["phase", "municipality", "responsible_worker"]

    def get_queryset(self):
        return Case.objects.visible_to(self.request.user).select_related("client").order_by("pk")

    def retrieve(self, request, *args, **kwargs):
        case = self.get_object()
        services.record_reads(
            user=request.user, cases=[case], what=f"API: asiakkuus {case.pk}", request=request
        )
        services.access_log(
            user=request.user,
            clients=case.client,
            action=AccessAction.VIEW,
            what=f"API: asiakkuus {case.pk}",
            request=request,
        )
        return Response(self.get_serializer(case).data)


class ConsentViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Consents of the clients whose cases the user works on; record and withdraw."""

    serializer_class = ConsentSerializer

    def get_queryset(self):
        cases = Case.objects.workable_by(self.request.user)
        return (
            Consent.objects.filter(client__cases__in=cases)
            .select_related("client")
            .distinct()
            .order_by("pk")
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        services.access_log(
            user=request.user,
            clients=[c.client for c in page],
            action=AccessAction.LIST,
            what="API: suostumukset",
            request=request,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        consent = self.get_object()
        services.access_log(
            user=request.user,
            clients=consent.client,
            action=AccessAction.VIEW,
            what=f"API: suostumus {consent.pk}",
            request=request,
        )
        return Response(self.get_serializer(consent).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = data.pop("case")
        try:
            consent = services.consent_record(user=request.user, case=case, request=request, **data)
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        return Response(self.get_serializer(consent).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ConsentSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        consent = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            services.consent_withdraw(user=request.user, consent=consent, request=request)
        except DjangoValidationError as error:
            raise api_validation_error(error) from error
        consent.refresh_from_db()
        return Response(self.get_serializer(consent).data)

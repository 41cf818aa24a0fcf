"""The client's own API (/api/v1/oma/): the same acts as the pages, with the client's
token (the identification service's access token, checked at its userinfo endpoint)
or the client's session."""

from __future__ import annotations

from dataclasses import dataclass

import requests
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema
from mozilla_django_oidc.contrib.drf import OIDCAuthentication
from rest_framework import exceptions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from clients import services as client_services
from clients.models import AccessAction, Consent
from core.api import api_validation_error
from plans.models import ActivationPlan, Signature

from . import pages, services
from .access import own_gate, own_meta
from .auth import IDENTIFICATION, identification_of_token


@dataclass
class ClientToken:
    access_token: str
    claims: dict


class ClientTokenAuthentication(OIDCAuthentication):
    def authenticate(self, request):
        try:
            result = super().authenticate(request)
        except requests.RequestException as unreachable:
            # the identification service did not answer: the token is not verified
            raise exceptions.AuthenticationFailed(
                _(
                    "Tunnistaudu uudelleen pankkitunnuksilla tai mobiilivarmenteella "
                    "ja yritä sitten."
                )
            ) from unreachable
        if result is None:
            return None
        user, access_token = result
        return user, ClientToken(access_token, getattr(self.backend, "claims", {}))


class ClientTokenScheme(OpenApiAuthenticationExtension):
    target_class = ClientTokenAuthentication
    name = "clientToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "The client's access token from the identification service "
            "(OpenID Connect), checked at its userinfo endpoint.",
        }


class OwnSignatureSerializer(serializers.ModelSerializer):
    party = serializers.CharField(read_only=True)  # employment_authority, municipality, client

    class Meta:
        model = Signature
        fields = ["party", "signer_name", "signed_on"]


class OwnPlanSerializer(serializers.ModelSerializer):
    registrar = serializers.CharField(source="case.municipality.name", read_only=True)
    end_on = serializers.DateField(read_only=True)
    signatures = OwnSignatureSerializer(many=True, read_only=True)

    class Meta:
        model = ActivationPlan
        fields = [
            "id",
            "registrar",
            "version",
            "state",
            "kuty_goal",
            "days_per_week",
            "hours_per_day",
            "start_on",
            "end_on",
            "assessment_due_on",
            "signatures",
        ]


class OwnConsentSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.name", read_only=True)
    registrar = serializers.CharField(source="client.registrar.name", read_only=True)
    in_force = serializers.BooleanField(source="is_in_force", read_only=True)

    class Meta:
        model = Consent
        fields = [
            "id",
            "organization",
            "registrar",
            "given_on",
            "expires_on",
            "withdrawn_at",
            "in_force",
        ]


class AccessRowSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    by = serializers.CharField()
    registrar = serializers.CharField()
    action = serializers.CharField()
    what = serializers.CharField()


class OwnView(APIView):
    authentication_classes = [ClientTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]


def _identification_id(request) -> int | None:
    if isinstance(request.auth, ClientToken):
        account = request.user.client_account
        token = request.auth
        return identification_of_token(account, token.claims, token.access_token).pk
    return request.session.get(IDENTIFICATION)


class OwnPlanDetail(OwnView):
    @extend_schema(responses=OwnPlanSerializer, operation_id="oma_plan_retrieve")
    def get(self, request, pk: int):
        plan = own_gate(request, "activation_plan", pk, what="oma suunnitelma")
        return Response(OwnPlanSerializer(plan).data)


class OwnPlanSign(OwnView):
    @extend_schema(request=None, responses={201: OwnSignatureSerializer})
    def post(self, request, pk: int):
        """Sign my plan: the client's own signature, from the strong sign-in."""
        plan = own_gate(request, "activation_plan", pk, what="oma allekirjoitus")
        try:
            own = services.own_plan_sign(
                user=request.user, plan=plan, identification_id=_identification_id(request)
            )
        except DjangoValidationError as refused:
            raise api_validation_error(refused) from refused
        return Response(OwnSignatureSerializer(own.signature).data, status=201)


class OwnConsentList(OwnView):
    @extend_schema(responses=OwnConsentSerializer(many=True))
    def get(self, request):
        consents = pages.own_consents(request.user, own_meta(request))
        return Response(OwnConsentSerializer(consents, many=True).data)


class OwnConsentWithdraw(OwnView):
    @extend_schema(request=None, responses=OwnConsentSerializer)
    def post(self, request, pk: int):
        """Withdraw my consent: it ends at once."""
        consent = own_gate(request, "consent", pk, what="oma suostumus", action=AccessAction.CHANGE)
        try:
            client_services.consent_withdraw(user=request.user, consent=consent)
        except DjangoValidationError as refused:
            raise api_validation_error(refused) from refused
        consent.refresh_from_db()
        return Response(OwnConsentSerializer(consent).data)


class OwnAccessLog(OwnView):
    @extend_schema(responses=AccessRowSerializer(many=True))
    def get(self, request):
        """Who has processed my data (703/2023), the last two years."""
        log = pages.processing_log(request.user, own_meta(request))
        me = request.user.pk
        rows = [
            {
                "at": row.at,
                "by": "self" if row.user_id == me else row.user.get_full_name(),
                "registrar": row.client.registrar.name,
                "action": row.action,
                "what": row.what,
            }
            for row in log["accesses"]
        ]
        return Response(AccessRowSerializer(rows, many=True).data)

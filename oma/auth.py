"""Strong sign-in for clients: mozilla-django-oidc's authorization code flow (state and
nonce checked, RS256 ID token verified against the provider's JWKS), plus what that
library leaves to us: the issuer and audience, the personal identity code claim
(OMA_OIDC_HETU_CLAIM), and that the person is a client of some registrar."""

from __future__ import annotations

import datetime
import hashlib
import logging

import jwt
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from clients.models import Client
from clients.validators import normalize_hetu

from . import services
from .models import ClientAccount, Identification

log = logging.getLogger(__name__)
IDENTIFICATION = "oma_identification"  # session key: the sign-in the session came from


class ClientSignInBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as refused:  # forged, unsigned, wrong nonce or issuer
            log.warning("client sign-in refused: %s", refused)
            return None

    def verify_token(self, token, **kwargs):
        try:  # the library fails with a KeyError on a header without "kid" (a 500)
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as broken:
            raise SuspiciousOperation("not a JWT") from broken
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO or not header.get("kid"):
            raise SuspiciousOperation("ID token not signed with the provider's key")
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.PyJWTError as refused:  # expired, not yet valid, malformed
            raise SuspiciousOperation(str(refused)) from refused
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != settings.OMA_OIDC_ISSUER:
            raise SuspiciousOperation("ID token from another issuer")
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        claims = {**claims, **(payload or {})}  # the signed ID token's word wins
        hetu = normalize_hetu(str(claims.get(settings.OMA_OIDC_HETU_CLAIM, "")))
        if not hetu or not Client.objects.filter(hetu=hetu).exists():
            return None  # not a client of any registrar: nothing to show
        account = services.client_account_for(
            hetu=hetu,
            given_name=str(claims.get("given_name", "")),
            family_name=str(claims.get("family_name", "")),
        )
        self.claims = claims  # the API's token authentication cites them (oma.api)
        if payload is not None and getattr(self, "request", None) is not None:
            event = _identification(account, payload)
            self.request.session[IDENTIFICATION] = event.pk
        return account.user


def _identification(account: ClientAccount, payload: dict) -> Identification:
    auth_time = payload.get("auth_time")
    return Identification.objects.create(
        account=account,
        issuer=str(payload.get("iss", ""))[:300],
        subject=str(payload.get("sub", ""))[:255],
        auth_time=(
            datetime.datetime.fromtimestamp(int(auth_time), tz=datetime.UTC) if auth_time else None
        ),
        token_id=str(payload.get("jti", ""))[:255],
    )


def identification_of_token(account: ClientAccount, claims: dict, access_token: str):
    """The sign-in behind an API token: the provider vouched for it at its userinfo
    endpoint just now (the token itself is never stored, only its digest)."""
    return Identification.objects.create(
        account=account,
        issuer=settings.OMA_OIDC_ISSUER[:300],
        subject=str(claims.get("sub", ""))[:255],
        token_id="sha256:" + hashlib.sha256(access_token.encode()).hexdigest(),
    )

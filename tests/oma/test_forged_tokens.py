"""A forged, unsigned or misdirected ID token is refused (issue 24). The tokens are
checked by the relying party against the real provider's JWKS."""

import time

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import SuspiciousOperation

from oma.auth import ClientSignInBackend

from .conftest import MAIJA

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(oidc) -> dict:
    now = int(time.time())
    return {
        "iss": oidc.issuer,
        "aud": "kuty",
        "sub": "1",
        "iat": now,
        "exp": now + 300,
        "nonce": "n-1",
        "urn:oid:1.2.246.21": MAIJA,
    }


@pytest.fixture
def kid(oidc) -> str:
    keys = requests.get(f"{oidc.issuer}/.well-known/jwks.json", timeout=10).json()["keys"]
    return keys[0]["kid"]


def forged(claims: dict, kid: str) -> str:
    """Signed RS256 with the provider's key id, but by a key that is not the provider's."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def test_a_token_signed_by_another_key_is_refused(claims, kid):
    with pytest.raises(SuspiciousOperation):
        ClientSignInBackend().verify_token(forged(claims, kid), nonce="n-1")


def test_an_unsigned_token_is_refused(claims, kid):
    unsigned = jwt.encode(claims, None, algorithm="none", headers={"kid": kid})
    with pytest.raises(SuspiciousOperation):
        ClientSignInBackend().verify_token(unsigned, nonce="n-1")


def test_a_token_signed_with_the_client_secret_is_refused(claims, kid, settings):
    hmac = jwt.encode(claims, settings.OIDC_RP_CLIENT_SECRET, algorithm="HS256")
    with pytest.raises(SuspiciousOperation):
        ClientSignInBackend().verify_token(hmac, nonce="n-1")


def test_a_token_of_another_issuer_or_audience_is_refused(claims, settings, oidc):
    """Only the provider can sign; its own key signing for another client is refused
    too (the key is read from the provider's folder, as only the provider has it)."""
    from pathlib import Path

    from cryptography.hazmat.primitives import serialization

    folder = Path(oidc.process.args[4].split("=", 1)[1])
    key = serialization.load_pem_private_key((folder / "signing-key.pem").read_bytes(), None)
    keys = requests.get(f"{oidc.issuer}/.well-known/jwks.json", timeout=10).json()["keys"]
    headers = {"kid": keys[0]["kid"]}
    genuine = jwt.encode(claims, key, algorithm="RS256", headers=headers)
    assert ClientSignInBackend().verify_token(genuine, nonce="n-1")["sub"] == "1"
    with pytest.raises(SuspiciousOperation):
        ClientSignInBackend().verify_token(genuine, nonce="another")
    for wrong in ({"aud": "someone-else"}, {"iss": "http://127.0.0.1:1/o"}):
        token = jwt.encode({**claims, **wrong}, key, algorithm="RS256", headers=headers)
        with pytest.raises(SuspiciousOperation):
            ClientSignInBackend().verify_token(token, nonce="n-1")

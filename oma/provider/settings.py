"""A local OpenID Connect provider for the demo and the tests (issue 24).

Suomi.fi e-Identification cannot be reached from here; this stands in for it with the
same protocol: authorization code flow, RS256-signed ID tokens carrying the nonce, the
personal identity code in a claim named by OMA_OIDC_HETU_CLAIM, a JWKS endpoint, a
userinfo endpoint and RP-initiated logout. Built on django-oauth-toolkit's OIDC
support; its own small database is an SQLite file (it is a stand-in, not kuty).
Configured from the environment by `python -m oma.provider` (see __main__.py)."""

import os

BASE = os.environ["OMA_PROVIDER_DIR"]
SECRET_KEY = os.environ.get("OMA_PROVIDER_SECRET", "oma-provider-dev-only-" + "x" * 30)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "oma.provider.urls"
USE_TZ = True
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(BASE, "idp.sqlite3")}
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SESSION_COOKIE_NAME = "idp_session"  # never kuty's cookie, even on the same host
CSRF_COOKIE_NAME = "idp_csrf"
LOGIN_URL = "/tunnistaudu/"
TEMPLATES = []
HETU_CLAIM = os.environ.get("OMA_OIDC_HETU_CLAIM", "urn:oid:1.2.246.21")
with open(os.path.join(BASE, "signing-key.pem")) as key_file:
    _SIGNING_KEY = key_file.read()
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": _SIGNING_KEY,
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    "PKCE_REQUIRED": False,
    "SCOPES": {"openid": "OpenID Connect", "profile": "Nimi ja henkilötunnus"},
    "OAUTH2_VALIDATOR_CLASS": "oma.provider.validator.Validator",
    "ACCESS_TOKEN_EXPIRE_SECONDS": 600,
}

"""The plain parts of the access path that every app's gate shares.

Each app's `access.py` has the gate for its kind of object: it takes the actor, the
object's id and the right needed, answers 404 out of scope and writes exactly one
access-log row. What a gate needs from a request is only this metadata, so services and
tasks take it as plain values and never see an HttpRequest."""

from __future__ import annotations

import enum
import ipaddress
from dataclasses import dataclass

PURPOSE_CASE_WORK = "asiakastyö"


class Right(enum.StrEnum):
    """What the actor wants to do with the object; reading and acting are different."""

    READ = "read"  # see it (social work, consent-based sharing, placement notice)
    WORK = "work"  # act on it as the organiser's social worker
    CO_SIGN = "co_sign"  # co-write and sign a plan as the employment authority or worker
    SUPERVISE = "supervise"  # act on a placement as the supervisor of its site
    OWN = "own"  # the client themselves, on their own records (issue 24, /oma/)


@dataclass(frozen=True)
class AccessMeta:
    """Who asked from where and why, as written to the access log (703/2023)."""

    ip: str | None = None
    purpose: str = PURPOSE_CASE_WORK


SYSTEM = AccessMeta(purpose="järjestelmä")


def client_ip(request) -> str | None:
    """The client's address: behind TRUSTED_PROXY_COUNT proxies, the one the outermost
    trusted proxy put in X-Forwarded-For (each proxy appends the peer it heard from, so
    anything left of that is the client's own say and is ignored); otherwise the
    connection's. Used by the access log and by django-axes' login throttling."""
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote


def meta_of(request, purpose: str = PURPOSE_CASE_WORK) -> AccessMeta:
    return AccessMeta(ip=client_ip(request), purpose=purpose)


def as_pk(value) -> int | None:
    """An id from a URL or a body as an int, or None when it is not one (then: 404)."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None

"""The client's gate: their own records only (Right.OWN), logged as their own reads."""

from __future__ import annotations

from functools import wraps

from django.shortcuts import redirect

from clients.access import gate
from core.access import AccessMeta, Right, meta_of

PURPOSE_OWN = "asiakkaan oma asiointi"  # the access log's purpose for the client's own reads


def own_meta(request) -> AccessMeta:
    return meta_of(request, PURPOSE_OWN)


def own_gate(request, kind: str, pk, *, what: str, action: str | None = None):
    """The client's own record of this kind, or 404; one access-log row, the client's."""
    from clients.access import default_action

    return gate(
        request.user,
        kind,
        pk,
        right=Right.OWN,
        what=what,
        meta=own_meta(request),
        action=action or default_action(request.method),
    )


def client_required(view):
    """Signed in as a client, or to the strong sign-in (staff never get here: the
    middleware answers them 404)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("oma:signin")
        return view(request, *args, **kwargs)

    return wrapped

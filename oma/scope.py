"""The client's own records: those of every client record (any registrar) with the
personal identity code of the actor's ClientAccount. One subquery; staff have none."""

from collections.abc import Callable

from django.db.models import Q

from .models import ClientAccount


def own(client_path: str) -> Callable[[object], Q]:
    hetu = "hetu__in" if client_path == "pk" else f"{client_path}__hetu__in"

    def scope(actor) -> Q:
        return Q(**{hetu: ClientAccount.objects.filter(user_id=actor.pk).values("hetu")})

    return scope

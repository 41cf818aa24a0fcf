"""The gates of placements and sites.

A supervisor reaches a placement at their own sites while its decision is live, and only
what the placement notice shared (Right.READ, Right.SUPERVISE); the organiser's social
worker reads the placements of their cases (Right.READ) but does not act as supervisor."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import Site, User
from clients.access import gate, get_or_404
from core.access import Right, as_pk

from .models import Placement
from .records import PLACEMENT


def placements(actor: User, right: Right) -> QuerySet[Placement]:
    return PLACEMENT.in_reach(actor, right)


def placement_gate(actor: User, pk, right: Right, **kwargs) -> Placement:
    """The placement if the actor has the right to it, otherwise 404; logged once."""
    return gate(actor, PLACEMENT, pk, right=right, **kwargs)


def site_gate(actor: User, pk, right: Right = Right.SUPERVISE) -> Site:
    """A site the actor supervises, otherwise 404. A site is not client data: the views
    log the clients they show of it."""
    if right != Right.SUPERVISE or as_pk(pk) is None:
        raise Http404
    return get_or_404(Site.objects.supervised_by(actor), pk)

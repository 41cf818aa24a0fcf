"""The access gate of client data: scope, 404 out of scope, and the logs (703/2023).

Every page, API call, PDF, export and task that shows or changes a client's data finds
its object through a gate (this module for cases, clients and consents; `plans.access`,
`decisions.access` and `placements.access` for theirs). A gate takes the actor, the id
and the right needed, answers 404 for anything outside the scope (never 403, which would
confirm that it exists) and writes exactly one access-log row per client, plus a
disclosure-log row when the right comes from a consent. Services do not log again what
a gate logged; a service that reaches client data without a gate (opening a case, saving
a week of attendance for a site) logs it itself with the AccessMeta it is given.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from core.access import PURPOSE_CASE_WORK, AccessMeta, Right, as_pk, meta_of
from core.records import RecordKind, catalogue, related

from .models import AccessAction, Case, Client, Consent, DisclosureLog


def access_log(
    *,
    user: User,
    clients: Iterable[Client | int] | Client,
    action: str,
    what: str,
    meta: AccessMeta | None = None,
) -> None:
    """Write one käyttöloki row per client (a Client or its id), in one query. Never put
    a hetu in `what`."""
    if isinstance(clients, Client):
        clients = [clients]
    meta = meta or AccessMeta()
    client_ids = list(dict.fromkeys(getattr(c, "pk", c) for c in clients))
    if not client_ids:
        return
    # one statement over the ids, not a model object per row (issue 15: a week of a
    # whole group logs every client; the ORM's bulk_create was most of that cost)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO clients_accesslog (at, user_id, client_id, action, what, purpose, "
            "ip_address) SELECT %s, %s, client_id, %s, %s, %s, %s::inet "
            "FROM unnest(%s::bigint[]) AS client_id",
            [timezone.now(), user.pk, action, what[:200], meta.purpose[:200], meta.ip, client_ids],
        )


def record_reads(
    *,
    user: User,
    cases: Iterable[Case],
    what: str,
    action: str = AccessAction.VIEW,
    meta: AccessMeta | None = None,
) -> None:
    """One access-log row per client of these cases; a read through a consent (by the
    employment authority) is also a disclosure to that organisation (luovutusloki)."""
    cases = list(cases)
    # by id: a list need not load each case's client only to log it
    access_log(
        user=user, clients=[case.client_id for case in cases], action=action, what=what, meta=meta
    )
    te_orgs = user.organizations_as(Role.EMPLOYMENT_OFFICER)
    if not cases or not te_orgs:
        return
    worked = set(
        Case.objects.workable_by(user)
        .filter(pk__in=[c.pk for c in cases])
        .values_list("pk", flat=True)
    )
    shared = {c.client_id for c in cases if c.pk not in worked}
    consents = {  # one disclosure per client, against a consent in force
        consent.client_id: consent
        for consent in Consent.objects.in_force()
        .filter(client_id__in=shared, organization__in=te_orgs)
        .order_by("given_on", "pk")  # the newest consent in force is cited
    }
    DisclosureLog.objects.bulk_create(
        DisclosureLog(
            client_id=consent.client_id,
            recipient_id=consent.organization_id,
            data=what[:300],
            legal_basis=_("Asiakkaan suostumus"),
            consent=consent,
            disclosed_by=user,
        )
        for consent in consents.values()
    )


def default_action(method: str) -> str:
    """A GET reads; anything else acts on the data."""
    return AccessAction.VIEW if method in ("GET", "HEAD") else AccessAction.CHANGE


def cases(actor: User, right: Right) -> QuerySet[Case]:
    """The cases the actor may reach with this right (the case kind of the catalogue)."""
    return catalogue["case"].in_reach(actor, right)


def get_or_404(queryset: QuerySet, pk):
    number = as_pk(pk)
    if number is None:
        raise Http404
    found = queryset.filter(pk=number).first()
    if found is None:
        raise Http404
    return found


def _follow(record, path: str):
    for name in path.split("__") if path else ():
        record = getattr(record, name)
    return record


def gate(
    actor: User,
    kind: RecordKind | str,
    pk,
    *,
    right: Right,
    what: str,
    meta: AccessMeta | None = None,
    action: str = AccessAction.VIEW,
    case_pk=None,
):
    """The one gate of client records: the record of this kind if the actor reaches it
    with this right (and it belongs to the case in the URL), otherwise 404, never 403. A
    right the kind does not declare reaches nothing. One access-log row for the client,
    and a disclosure row when the right comes from a consent (record_reads)."""
    kind = catalogue[kind] if isinstance(kind, str) else kind
    scoped = kind.in_reach(actor, right)
    case_path = kind.case_path
    if case_path:
        scoped = scoped.select_related(*kind.select_related, f"{case_path}__client")
        if case_pk is not None:
            scoped = scoped.filter(**{f"{case_path}_id": as_pk(case_pk)})
    else:
        scoped = related(scoped, kind.select_related)
        if case_pk is not None and kind.model is not Case:
            raise Http404
        if case_pk is not None and as_pk(case_pk) != as_pk(pk):
            raise Http404
    record = get_or_404(scoped, pk)
    label = f"{what} ({kind.label} {record.pk})"
    if case_path or kind.model is Case:
        shown = [_follow(record, case_path)]
    else:  # a record of the client itself: logged against a case the actor reaches
        client = _follow(record, kind.client_path)
        shown = list(cases(actor, right).filter(client=client).order_by("pk")[:1])
        if not shown:
            access_log(user=actor, clients=[client], action=action, what=label, meta=meta)
            return record
    record_reads(user=actor, cases=shown, action=action, what=label, meta=meta)
    return record


def case_gate(actor: User, pk, right: Right, **kwargs) -> Case:
    """The case if the actor has the right to it, otherwise 404; logged once."""
    return gate(actor, "case", pk, right=right, **kwargs)


def case_for(
    request: HttpRequest,
    pk,
    right: Right = Right.READ,
    *,
    what: str,
    action: str | None = None,
    purpose: str = PURPOSE_CASE_WORK,
) -> Case:
    """case_gate for a page: the actor, the address and the kind of access from the request."""
    return case_gate(
        request.user,
        pk,
        right,
        what=what,
        meta=meta_of(request, purpose),
        action=action or default_action(request.method),
    )


def client_gate(actor: User, pk, right: Right, **kwargs) -> Client:
    return gate(actor, "client", pk, right=right, **kwargs)


def consents(actor: User) -> QuerySet[Consent]:
    """Consents are recorded and withdrawn by the organiser's social workers only."""
    return catalogue["consent"].in_reach(actor, Right.WORK).select_related("client")


def consent_gate(actor: User, pk, *, right: Right = Right.WORK, **kwargs) -> Consent:
    return gate(actor, "consent", pk, right=right, **kwargs)


def log_listed(
    actor: User, listed_cases: Iterable[Case], *, what: str, meta: AccessMeta | None = None
) -> None:
    """A list page or API page: one row per client shown (and the consent disclosures)."""
    record_reads(user=actor, cases=listed_cases, action=AccessAction.LIST, what=what, meta=meta)

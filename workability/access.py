"""The gate of the work-ability path's records: 404 out of scope, one access-log row,
and a disclosure-log row for every crossing between registrars (703/2023).

A crossing is data of one registrar shown to another organisation: the registrar's
client and path to the team or the employment authority (by the client's consent to
that organisation), and the team's part of the plan to the registrar's social work (by
the client's consent to the team, `SupportPath.consent`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.access import access_log, get_or_404
from clients.models import AccessAction, DisclosureLog
from core.access import AccessMeta, Right
from core.records import RecordKind, catalogue, related

from . import scope
from .models import SupportPath

CONSENT_BASIS = "Asiakkaan suostumus"

_REACHED_SQL = (
    f"SELECT path_id, organization_id, consent_id FROM {scope.PATH_SCOPE}(%s) "  # noqa: S608
    "WHERE user_id = %s AND path_id = ANY(%s) ORDER BY consent_id NULLS FIRST"
)


def _reached(actor: User, path_ids: list[int]) -> dict[int, tuple[int, int | None]]:
    """How the actor reaches each path: (organisation, consent or None), in one query; a
    path reached both ways counts as the registrar's own (no crossing)."""
    with connection.cursor() as cursor:
        cursor.execute(_REACHED_SQL, [timezone.localdate(), actor.pk, path_ids])
        rows = cursor.fetchall()
    found: dict[int, tuple[int, int | None]] = {}
    for path_id, organization_id, consent_id in rows:
        found.setdefault(path_id, (organization_id, consent_id))
    return found


def disclose(actor: User, paths: Iterable[SupportPath], *, what: str, team_part: bool) -> int:
    """One disclosure row per path whose data crosses to the actor's organisation: by a
    consent when the actor is another registrar's; to the registrar's social work when
    the team's part is shown (`team_part`) and the consent to the team is in force."""
    paths = list(paths)
    reached = _reached(actor, [p.pk for p in paths]) if paths else {}
    rows = []
    for path in paths:
        organization_id, consent_id = reached.get(path.pk, (None, None))
        if organization_id is None:
            continue
        if consent_id is None and team_part:
            consent_id = path.consent_id if path.consent.is_in_force() else None
        if consent_id is None:
            continue
        rows.append(
            DisclosureLog(
                client_id=path.client_id,
                recipient_id=organization_id,
                data=what[:300],
                legal_basis=_(CONSENT_BASIS),
                consent_id=consent_id,
                disclosed_by=actor,
            )
        )
    DisclosureLog.objects.bulk_create(rows)
    return len(rows)


def log_paths(
    actor: User,
    paths: Iterable[SupportPath],
    *,
    what: str,
    meta: AccessMeta | None = None,
    action: str = AccessAction.VIEW,
    team_part: bool = False,
) -> None:
    """One access-log row per client of these paths, and the crossings' disclosures."""
    paths = list(paths)
    access_log(
        user=actor, clients=[p.client_id for p in paths], action=action, what=what, meta=meta
    )
    disclose(actor, paths, what=what, team_part=team_part)


def path_of(record) -> SupportPath:
    return record if isinstance(record, SupportPath) else record.path


def path_gate(
    actor: User,
    kind: RecordKind | str,
    pk,
    *,
    right: Right,
    what: str,
    meta: AccessMeta | None = None,
    action: str = AccessAction.VIEW,
    team_part: bool | None = None,
):
    """The record if the actor reaches it with this right, else 404 (never 403); logged
    once, with the disclosure when its data crosses a registrar (`team_part`: the
    team's part of the plan is shown with it; by default, when the record is another
    registrar's)."""
    kind = catalogue[kind] if isinstance(kind, str) else kind
    extra = ("consent",) if kind.model is SupportPath else ("path__consent",)
    record = get_or_404(related(kind.in_reach(actor, right), (*kind.select_related, *extra)), pk)
    path = path_of(record)
    registrar = getattr(record, "registrar_id", None)
    if team_part is None:
        team_part = registrar is not None and registrar != path.client.registrar_id
    label = f"{what} ({kind.label} {record.pk})"
    log_paths(actor, [path], what=label, meta=meta, action=action, team_part=team_part)
    return record


def paths(actor: User, right: Right = Right.READ):
    return catalogue["support_path"].in_reach(actor, right)


def log_flags(
    actor: User,
    flags,
    *,
    what: str,
    meta: AccessMeta | None = None,
    action: str = AccessAction.VIEW,
) -> None:
    """One access-log row per flagged client shown; a disclosure where the actor reads
    it as a party of the client's path by consent."""
    client_ids = [flag.client_id for flag in flags]
    access_log(user=actor, clients=client_ids, action=action, what=what, meta=meta)
    open_paths = paths(actor).filter(client_id__in=client_ids, ends_on__isnull=True)
    disclose(actor, open_paths.select_related("consent"), what=what, team_part=False)


def flag_gate(actor: User, pk, *, what: str, meta: AccessMeta | None = None):
    """A flag if the actor reaches it (the registrar's social work, a party of the
    client's path), else 404; logged once, disclosed when read across a registrar."""
    kind = catalogue["integration_flag"]
    flag = get_or_404(related(kind.in_reach(actor, Right.READ), kind.select_related), pk)
    log_flags(actor, [flag], what=f"{what} ({kind.label} {flag.pk})", meta=meta)
    return flag


def flags_of(actor: User):
    return catalogue["integration_flag"].in_reach(actor, Right.READ)


def handovers(actor: User):
    return catalogue["handover"].in_reach(actor, Right.READ)


def acting_organization(user: User, path: SupportPath) -> int | None:
    """The organisation through which the user acts on the path, or None."""
    today = timezone.localdate()
    if not SupportPath.objects.filter(scope.paths_q(user, today, acting=True), pk=path.pk).exists():
        return None
    reached = scope.crossing(user, path.pk, today)
    return reached[0] if reached else None

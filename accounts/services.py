import datetime
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from .models import (
    CLIENT_DATA_ROLES,
    ApiToken,
    Language,
    Membership,
    Role,
    Site,
    TokenKind,
    User,
)
from .search import document


def site_reindex(sites: Iterable[Site]) -> None:
    """Rebuild the directory's search text of these sites (after any change to them)."""
    changed = []
    with translation.override("fi"):
        _index(sites, changed)
    Site.objects.bulk_update(changed, ["search_document"])


def _index(sites: Iterable[Site], changed: list[Site]) -> None:
    for site in sites:
        site.search_document = document(
            site.name,
            site.description,
            " ".join(site.kinds_of_work),
            site.organization.name,
            site.municipality.name,
            site.post_office,
            site.accessibility,
            " ".join(str(Language(code).label) for code in site.languages),
        )
        changed.append(site)


def api_token_issue(*, user: User) -> tuple[ApiToken, str]:
    """A new API token for the user: the token itself is returned only now."""
    if user.is_system_integration:
        kind, ttl = TokenKind.INTEGRATION, timedelta(days=settings.API_INTEGRATION_TOKEN_DAYS)
    else:
        kind, ttl = TokenKind.PERSONAL, timedelta(hours=settings.API_TOKEN_IDLE_HOURS)
    return ApiToken.objects.create(
        user=user, expiry=ttl, kind=kind, password_stamp=user.get_session_auth_hash()
    )


def membership_check_grantor(
    *,
    actor: User,
    user: User | None,
    role: str,
    organization_id: int | None,
    site_ids: set[int],
    before: Membership | None,
) -> None:
    """Nobody gives themselves access to client data: a membership that opens it cannot
    be created, moved or widened (role, organisation, more sites) by the person who
    receives it. Narrowing or removing one's own membership is allowed."""
    if user is None or actor.pk != user.pk or role not in CLIENT_DATA_ROLES:
        return
    widened = (
        before is None
        or before.user_id != user.pk
        or before.role != role
        or before.organization_id != organization_id
        or not site_ids <= set(before.sites.values_list("pk", flat=True))
    )
    if widened:
        raise ValidationError(
            _(
                "Et voi antaa itsellesi asiakastietoihin oikeuttavaa jäsenyyttä etkä "
                "laajentaa omaasi. Pyydä toista pääkäyttäjää tekemään muutos."
            )
        )


def membership_history(
    *, user: User, organizations: Iterable, start: datetime.date, end: datetime.date
) -> list[dict]:
    """Changes to the user's memberships in these organisations: what, when and by whom
    (from django-pghistory's events and the request context they were made in)."""
    from .models import MembershipEvent, MembershipSiteEvent

    events = list(
        MembershipEvent.objects.filter(
            user=user,
            organization__in=organizations,
            pgh_created_at__date__gte=start,
            pgh_created_at__date__lte=end,
        ).select_related("organization", "pgh_context")
    )
    site_events = list(
        MembershipSiteEvent.objects.filter(
            membership_id__in={event.pgh_obj_id for event in events}
            | set(user.memberships.values_list("pk", flat=True)),
            pgh_created_at__date__gte=start,
            pgh_created_at__date__lte=end,
        ).select_related("site", "pgh_context")
    )
    makers = {
        (event.pgh_context.metadata or {}).get("user")
        for event in [*events, *site_events]
        if event.pgh_context
    }
    users = User.objects.in_bulk([pk for pk in makers if pk])
    labels = {
        "insert": _("lisätty"),
        "update": _("muutettu"),
        "delete": _("poistettu"),
        "site.add": _("yksikkö lisätty"),
        "site.remove": _("yksikkö poistettu"),
    }
    rows = []
    for event in [*events, *site_events]:
        maker_id = (event.pgh_context.metadata or {}).get("user") if event.pgh_context else None
        what = (
            f"{Role(event.role).label}, {event.organization}"
            if isinstance(event, MembershipEvent)
            else str(event.site)
        )
        rows.append(
            {
                "at": event.pgh_created_at,
                "change": labels.get(event.pgh_label, event.pgh_label),
                "what": what,
                "by": users.get(maker_id),
                "by_self": maker_id == user.pk,
            }
        )
    return sorted(rows, key=lambda row: row["at"])

import datetime
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from .access import ENTRY_PERMISSION, administers
from .models import (
    CLIENT_DATA_ROLES,
    ApiToken,
    Language,
    Membership,
    Role,
    Site,
    SiteEntryEditor,
    TokenKind,
    User,
)
from .search import document

# What the provider keeps in a site's directory entry (the rest is the administrator's).
ENTRY_FIELDS = (
    "description",
    "kinds_of_work",
    "capacity",
    "languages",
    "wheelchair_accessible",
    "accessibility",
    "start_activity",
    "contact_name",
    "contact_phone",
    "contact_email",
)


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


def site_entry_touch(*, site: Site, actor: User) -> None:
    """Record that the entry was updated now by the actor (the directory shows it)."""
    site.entry_updated_at = timezone.now()
    site.entry_updated_by = actor
    site.save(update_fields=["entry_updated_at", "entry_updated_by"])


@transaction.atomic(durable=True)
def site_entry_update(*, actor: User, site: Site, changes: dict) -> Site:
    """The provider updates the site's directory entry: checked whole, saved with when
    and by whom (and in the change history), and the search text rebuilt."""
    site = (
        Site.objects.select_for_update(of=("self",))
        .select_related("organization", "municipality")
        .get(pk=site.pk)
    )
    unknown = set(changes) - set(ENTRY_FIELDS)
    if unknown:
        raise ValidationError(
            {name: _("Tätä tietoa ei muuteta hakemistotiedoissa.") for name in sorted(unknown)}
        )
    for name, value in changes.items():
        setattr(site, name, value)
    if site.kinds_of_work:
        site.kinds_of_work = [kind.strip() for kind in site.kinds_of_work if kind.strip()]
    site.languages = list(dict.fromkeys(site.languages))
    site.full_clean()
    site.entry_updated_at = timezone.now()
    site.entry_updated_by = actor
    site.save(update_fields=[*changes, "entry_updated_at", "entry_updated_by"])
    site_reindex([site])
    return site


def site_entry_editors(site: Site) -> list[User]:
    """The colleagues granted the right to edit this site's entry."""
    return list(
        User.objects.filter(
            siteentryeditor__content_object=site,
            siteentryeditor__permission__codename="change_site_entry",
        ).order_by("last_name", "first_name", "username")
    )


def site_entry_grantable(site: Site, actor: User):
    """Whom the actor may grant the right: the provider's other active members who do
    not have it yet."""
    return (
        User.objects.filter(is_active=True, memberships__organization=site.organization_id)
        .exclude(pk=actor.pk)
        .exclude(siteentryeditor__content_object=site)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def _check_rights_admin(actor: User, site: Site) -> None:
    if not administers(actor, site):
        raise ValidationError(
            _(
                "Vain palveluntuottajan %(provider)s pääkäyttäjä voi antaa ja perua yksikön "
                "hakemistotietojen muokkausoikeuksia."
            )
            % {"provider": site.organization}
        )


def site_entry_check_grant(*, actor: User, site: Site, user: User) -> None:
    """Nobody grants themselves the right, nor to someone outside the provider."""
    _check_rights_admin(actor, site)
    if user.pk == actor.pk:
        raise ValidationError(
            {"user": _("Et voi antaa muokkausoikeutta itsellesi. Pyydä toista pääkäyttäjää.")}
        )
    if not user.is_active or not user.memberships.filter(organization=site.organization_id):
        raise ValidationError(
            {
                "user": _(
                    "Muokkausoikeuden voi antaa vain palveluntuottajan %(provider)s työntekijälle."
                )
                % {"provider": site.organization}
            }
        )


@transaction.atomic(durable=True)
def site_entry_grant(*, actor: User, site: Site, user: User) -> bool:
    """Grant a colleague the right to edit this site's entry (django-guardian object
    permission). Returns False when they already had it."""
    site_entry_check_grant(actor=actor, site=site, user=user)
    if SiteEntryEditor.objects.filter(user=user, content_object=site).exists():
        return False
    assign_perm(ENTRY_PERMISSION, user, site)
    return True


@transaction.atomic(durable=True)
def site_entry_revoke(*, actor: User, site: Site, user: User) -> bool:
    """Take the right away. Returns False when they did not have it."""
    _check_rights_admin(actor, site)
    if not SiteEntryEditor.objects.filter(user=user, content_object=site).exists():
        return False
    remove_perm(ENTRY_PERMISSION, user, site)
    return True


@transaction.atomic(durable=True)
def api_token_issue(*, user: User) -> tuple[ApiToken, str]:
    """A new API token for the user: the token itself is returned only now."""
    if user.is_system_integration:
        kind, ttl = TokenKind.INTEGRATION, timedelta(days=settings.API_INTEGRATION_TOKEN_DAYS)
    else:
        kind, ttl = TokenKind.PERSONAL, timedelta(hours=settings.API_TOKEN_IDLE_HOURS)
    return ApiToken.objects.create(
        user=user, expiry=ttl, kind=kind, password_stamp=user.get_session_auth_hash()
    )


# Roles nobody gives themselves: those that open client data, and the social-work lead's,
# which opens the municipality's report (issue 28). Another administrator may grant them:
# that second person is the check (docs/decisions.md "Accounts an administrator cannot
# take over").
SELF_GRANT_REFUSED = CLIENT_DATA_ROLES | {Role.SOCIAL_WORK_LEAD}


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
    if user is None or actor.pk != user.pk or role not in SELF_GRANT_REFUSED:
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


GUARDED_MESSAGE = _(
    "Tämä käyttäjä pääsee asiakastietoihin: pääkäyttäjä ei aseta hänen salasanaansa eikä "
    "muuta sähköpostiosoitetta. Lähetä salasanan vaihtolinkki käyttäjän omaan osoitteeseen."
)


def guarded_account(user: User) -> bool:
    """An account an organisation's administrator cannot take over (issue 28): it holds
    a role that opens client data or the social-work lead's report."""
    return user.memberships.filter(role__in=SELF_GRANT_REFUSED).exists()


@transaction.atomic(durable=True)
def account_refusal_log(*, actor: User, user: User, what: str) -> None:
    """The refused change in the admin's log (append-only for the application), which
    the privacy officer's misuse check lists."""
    account_log(actor=actor, user=user, message=_("Estetty: %(what)s") % {"what": what})


def account_log(*, actor: User, user: User, message: str) -> None:
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.create(
        user=actor,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr=str(user)[:200],
        action_flag=CHANGE,
        change_message=message,
    )


@transaction.atomic(durable=True)
def password_reset_send(*, user: User, request) -> None:
    """The password reset link to the user's own address (Django's reset e-mail)."""
    from django.contrib.auth.forms import PasswordResetForm

    form = PasswordResetForm({"email": user.email})
    if form.is_valid():
        form.save(request=request, use_https=request.is_secure())
        message = _("Salasanan vaihtolinkki lähetetty käyttäjän omaan osoitteeseen")
        account_log(actor=request.user, user=user, message=message)


def account_events(*, user: User, start: datetime.date, end: datetime.date) -> list:
    """What administrators did to the user's account in the admin from `start` to `end`
    (a password set or refused, an e-mail changed, a reset link sent): the privacy
    officer's misuse check lists them beside the membership changes (issue 28)."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(user.pk),
            action_time__date__gte=start,
            action_time__date__lte=end,
        )
        .select_related("user")
        .order_by("-action_time")
    )

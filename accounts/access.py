"""Who keeps a site's directory entry.

The directory is open to all staff and a site is not client data (nothing to log). Its
entry is kept by the provider: the provider's administrators edit every own site, and a
colleague (a member of the same provider) edits the sites they were granted — the
django-guardian object permission `accounts.change_site_entry`. Anyone else gets 404.
A colleague who leaves the provider loses the right with the membership."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import Http404
from guardian.core import ObjectPermissionChecker

from core.access import as_pk

from .models import Role, Site, SiteEntryEditor, User

ENTRY_PERMISSION = "accounts.change_site_entry"


def _get_or_404(queryset: QuerySet, pk):
    number = as_pk(pk)
    found = queryset.filter(pk=number).first() if number is not None else None
    if found is None:
        raise Http404
    return found


class SiteEntryChecker(ObjectPermissionChecker):
    """guardian's checker whose prefetch reads only the user's own grants: one query for
    a whole list of sites. guardian's own prefetch adds a second query for the user's
    groups' grants, which this right never has (the admin grants it to users only)."""

    def prefetch_perms(self, objects: Sequence[Site]) -> bool:
        ctype = ContentType.objects.get_for_model(Site)  # cached per process
        pks = [str(site.pk) for site in objects]
        for pk in pks:
            self._obj_perms_cache.setdefault((ctype.id, pk), [])
        grants = SiteEntryEditor.objects.filter(
            user=self.user, content_object_id__in=pks
        ).values_list("content_object_id", "permission__codename")
        for site_pk, codename in grants:
            self._obj_perms_cache[(ctype.id, str(site_pk))].append(codename)
        return True


def administers(user: User, site: Site) -> bool:
    """The user administers the site's provider (or is a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        m.organization_id == site.organization_id and m.role == Role.ADMIN
        for m in user.active_memberships
    )


def entry_editable(user: User, sites: Sequence[Site]) -> set[int]:
    """The ids of these sites whose entry the user may edit. The object permissions of
    the whole list come from guardian's checker, prefetched: a constant number of
    queries however many sites (none for a user who belongs to none of their providers)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return {site.pk for site in sites}
    admin_of = {m.organization_id for m in user.active_memberships if m.role == Role.ADMIN}
    member_of = {m.organization_id for m in user.active_memberships}
    editable = {site.pk for site in sites if site.organization_id in admin_of}
    colleagues_sites = [
        site for site in sites if site.organization_id in member_of and site.pk not in editable
    ]
    if colleagues_sites:
        checker = SiteEntryChecker(user)
        checker.prefetch_perms(colleagues_sites)
        editable |= {
            site.pk for site in colleagues_sites if checker.has_perm(ENTRY_PERMISSION, site)
        }
    return editable


def site_entry_gate(actor: User, pk) -> Site:
    """A site whose directory entry the actor may edit, otherwise 404."""
    site = _get_or_404(
        Site.objects.select_related("organization", "municipality", "entry_updated_by"), pk
    )
    if site.pk not in entry_editable(actor, [site]):
        raise Http404
    return site


def site_rights_gate(actor: User, pk) -> Site:
    """A site whose editing rights the actor hands out (its provider's administrator),
    otherwise 404."""
    site = _get_or_404(Site.objects.select_related("organization"), pk)
    if not administers(actor, site):
        raise Http404
    return site

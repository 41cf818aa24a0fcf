"""Who sees which part of the regional report (aggregates only, never a client).

- a regional coordinator: the cases of the region's municipalities, and the sites located
  in them;
- a municipality's social-work lead: the cases of their own municipality, and the sites
  located in it;
- a provider's supervisor: the placements at the sites they supervise (not every site of
  their provider: issue 28 — a supervisor's work is their own sites, and a colleague's
  site's figures are no business of theirs), and the cases of the clients placed there.
A user with none of these roles has no report (404). A user holding several gets the
widest: coordinator before lead before provider.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts.models import Organization, Role, Site, User

REPORT_ROLES = (Role.COORDINATOR, Role.SOCIAL_WORK_LEAD, Role.SUPERVISOR)


@dataclass(frozen=True)
class Scope:
    kind: str  # the role the report is read as
    municipalities: tuple[int, ...] | None  # the organisers whose cases count (None: any)
    sites: tuple[int, ...]  # the sites whose capacity is shown
    placed_at_sites: bool  # cases count only through a placement at `sites` (provider)

    def municipality_choices(self) -> QuerySet:
        if self.municipalities is not None:
            return Organization.objects.filter(pk__in=self.municipalities)
        # a provider: the municipalities of the regions its sites are in
        regions = Site.objects.filter(pk__in=self.sites).values("municipality__parent")
        return (
            Organization.objects.municipalities()
            .filter(Q(parent__in=regions) | Q(sites_in_municipality__in=self.sites))
            .distinct()
        )

    def site_choices(self) -> QuerySet:
        return Site.objects.filter(pk__in=self.sites).select_related("organization")

    def provider_choices(self) -> QuerySet:
        return Organization.objects.filter(sites__in=self.sites).distinct()


def _region_municipalities(regions: list[Organization]) -> tuple[int, ...]:
    return tuple(
        Organization.objects.municipalities()
        .filter(parent__in=regions)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _sites_in(municipalities: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(
        Site.objects.filter(municipality__in=municipalities)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def scope_for(user: User) -> Scope | None:
    if not user.is_authenticated:
        return None
    regions = user.organizations_as(Role.COORDINATOR)
    if regions:
        municipalities = _region_municipalities(regions)
        return Scope(Role.COORDINATOR, municipalities, _sites_in(municipalities), False)
    own = [
        org.pk
        for org in user.organizations_as(Role.SOCIAL_WORK_LEAD)
        if org.kind == Organization.Kind.MUNICIPALITY
    ]
    if own:
        municipalities = tuple(sorted(own))
        return Scope(Role.SOCIAL_WORK_LEAD, municipalities, _sites_in(municipalities), False)
    providers = [
        org
        for org in user.organizations_as(Role.SUPERVISOR)
        if org.kind == Organization.Kind.PROVIDER
    ]
    if providers:
        sites = tuple(
            Site.objects.filter(organization__in=providers)
            .supervised_by(user)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        return Scope(Role.SUPERVISOR, None, sites, True) if sites else None
    return None

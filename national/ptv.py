"""The service directory and PTV (Suomi.fi Palvelutietovaranto), Open API v11.

Import: a provider's service locations (service channels of type ServiceLocation) and
the services linked to them become directory entries (accounts.Site) of the provider,
each keeping its PTV link and PTV's update time (`modified`). Export: a provider's own
entry in the same v11 ServiceLocation format. Nightly: each linked entry is read from PTV
again and the fields that differ from the provider's own entry are reported on the
entry's page; neither side is overwritten.

The shapes are PTV's v11 (tests/national/recorded/ptv/README.md cites the source); kuty
reads and writes only the fields below."""

from __future__ import annotations

import datetime
import re

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.models import Organization, Site

from .models import PtvLink

FIELDS = (
    "name",
    "description",
    "street_address",
    "postal_code",
    "post_office",
    "municipality_code",
    "contact_phone",
    "contact_email",
)


class Unavailable(Exception):
    """PTV did not answer, answered 5xx or too slowly."""


def _text(items: list[dict], kind: str | None = None, language: str = "fi") -> str:
    chosen = [i for i in items or [] if kind is None or i.get("type") == kind]
    for item in chosen:
        if item.get("language") == language:
            return item.get("value") or ""
    return (chosen[0].get("value") or "") if chosen else ""


def channel_fields(channel: dict) -> dict:
    """The directory's fields of a v11 ServiceLocation channel."""
    address = next(
        (a.get("streetAddress") or {} for a in channel.get("addresses") or []
         if a.get("type") == "Location"),
        {},
    )  # fmt: skip
    street = " ".join(
        part for part in (_text(address.get("street")), address.get("streetNumber") or "") if part
    )
    phone = next(iter(channel.get("phoneNumbers") or []), {})
    return {
        "name": _text(channel.get("serviceChannelNames"), "Name"),
        "description": _text(channel.get("serviceChannelDescriptions"), "Description"),
        "street_address": street,
        "postal_code": address.get("postalCode") or "",
        "post_office": _text(address.get("postOffice")).title(),
        "municipality_code": (address.get("municipality") or {}).get("code") or "",
        "contact_phone": f"{phone.get('prefixNumber') or ''}{phone.get('number') or ''}",
        "contact_email": _text(channel.get("emails")),
    }


def site_fields(site: Site) -> dict:
    return {
        "name": site.name,
        "description": site.description,
        "street_address": site.street_address,
        "postal_code": site.postal_code,
        "post_office": site.post_office,
        "municipality_code": site.municipality.municipality_code,
        "contact_phone": site.contact_phone,
        "contact_email": site.contact_email,
    }


def labelled(found: list[dict]) -> list[dict]:
    """The differences with each field's label in the user's language."""
    from django.utils.translation import gettext as _

    def label(name: str) -> str:
        if name == "municipality_code":
            return str(_("kunta"))
        return str(Site._meta.get_field(name).verbose_name)

    return [{**row, "label": label(row["field"])} for row in found]


def differences(ptv: dict, own: dict) -> list[dict]:
    def same(a: str, b: str) -> bool:
        return " ".join(str(a).split()).casefold() == " ".join(str(b).split()).casefold()

    return [
        {"field": name, "ptv": ptv.get(name, ""), "kuty": own.get(name, "")}
        for name in FIELDS
        if not same(ptv.get(name, ""), own.get(name, ""))
    ]


def _url(channel_id: str) -> str:
    return f"{settings.PTV_URL.rstrip('/')}/api/v11/ServiceChannel/{channel_id}"


def _get(path: str) -> dict:
    try:
        response = requests.get(
            f"{settings.PTV_URL.rstrip('/')}{path}", timeout=settings.PTV_TIMEOUT
        )
    except requests.RequestException as failure:
        raise Unavailable(f"{type(failure).__name__}: {failure}"[:480]) from failure
    if response.status_code != 200:
        raise Unavailable(f"HTTP {response.status_code}: {response.text[:200]}")
    try:
        return response.json()
    except ValueError as failure:
        raise Unavailable(f"unreadable answer: {response.text[:200]}") from failure


def organization_channels(ptv_organization: str) -> list[dict]:
    """Every ServiceLocation channel of a PTV organisation, page by page, once each
    (a page answered twice adds nothing)."""
    found: dict[str, dict] = {}
    page, pages = 1, 1
    while page <= pages:
        data = _get(f"/api/v11/ServiceChannel/organization/{ptv_organization}?page={page}")
        pages = int(data.get("pageCount") or 1)
        for channel in data.get("itemList") or []:
            if channel.get("serviceChannelType") == "ServiceLocation":
                found[channel["id"]] = channel
        page += 1
    return list(found.values())


def _site_from(provider: Organization, fields: dict, municipality: Organization) -> Site:
    return Site(
        organization=provider,
        name=fields["name"][:200],
        description=fields["description"],
        street_address=fields["street_address"][:200],
        postal_code=fields["postal_code"][:5],
        post_office=fields["post_office"][:100],
        municipality=municipality,
        capacity=1,  # PTV does not tell: the provider sets it on the entry
        contact_phone=fields["contact_phone"][:40],
        contact_email=fields["contact_email"],
        entry_updated_at=timezone.now(),
    )


def import_channels(provider: Organization, channels: list[dict]) -> tuple[int, int]:
    """New PTV locations become the provider's entries; an entry already linked keeps
    the provider's fields and gets PTV's side refreshed. Returns (created, refreshed)."""
    created = refreshed = 0
    for channel in channels:
        fields = channel_fields(channel)
        modified = parse_datetime(channel.get("modified") or "") or timezone.now()
        services = [
            {"id": s["service"]["id"], "name": s["service"].get("name", "")}
            for s in channel.get("services") or []
            if s.get("service")
        ]
        with transaction.atomic():
            link = PtvLink.objects.select_for_update().filter(ptv_id=channel["id"]).first()
            if link is None:
                municipality = Organization.objects.municipalities().get(
                    municipality_code=fields["municipality_code"]
                )
                site = _site_from(provider, fields, municipality)
                site.full_clean()
                site.save()
                link = PtvLink(site=site, ptv_id=channel["id"])
                created += 1
            else:
                refreshed += 1
            link.organization_id = channel["organizationId"]
            link.url = _url(channel["id"])
            link.services, link.ptv_fields, link.ptv_modified = services, fields, modified
            link.differences = differences(fields, site_fields(link.site))
            link.save()
    return created, refreshed


def compare_all() -> tuple[int, int]:
    """Nightly: every linked entry read again from PTV; differences reported, nothing
    overwritten. Returns (entries that differ, entries PTV did not answer for)."""
    differ = failed = 0
    for link in PtvLink.objects.select_related("site__municipality").order_by("pk"):
        try:
            channel = _get(f"/api/v11/ServiceChannel/{link.ptv_id}")
        except Unavailable as failure:
            PtvLink.objects.filter(pk=link.pk).update(last_error=str(failure)[:500])
            failed += 1
            continue
        fields = channel_fields(channel)
        found = differences(fields, site_fields(link.site))
        PtvLink.objects.filter(pk=link.pk).update(
            ptv_fields=fields,
            ptv_modified=parse_datetime(channel.get("modified") or "") or link.ptv_modified,
            differences=found,
            checked_at=timezone.now(),
            last_error="",
        )
        differ += bool(found)
    return differ, failed


_NUMBER = re.compile(r"^(.*?)\s+(\d+\S*)$")


def export_site(site: Site) -> dict:
    """The provider's own entry as a PTV v11 ServiceLocation channel."""
    link = getattr(site, "ptv_link", None)
    match = _NUMBER.match(site.street_address)
    street, number = (match.group(1), match.group(2)) if match else (site.street_address, "")
    updated = site.entry_updated_at or timezone.now()
    return {
        "id": str(link.ptv_id) if link else None,
        "sourceId": f"kuty-site-{site.pk}",
        "organizationId": str(link.organization_id) if link else None,
        "serviceChannelType": "ServiceLocation",
        "serviceChannelNames": [{"type": "Name", "language": "fi", "value": site.name}],
        "serviceChannelDescriptions": [
            {"type": "Description", "language": "fi", "value": site.description}
        ]
        if site.description
        else [],
        "languages": list(site.languages),
        "emails": [{"language": "fi", "value": site.contact_email}] if site.contact_email else [],
        "phoneNumbers": [{"language": "fi", "number": site.contact_phone}]
        if site.contact_phone
        else [],
        "addresses": [
            {
                "type": "Location",
                "subType": "Single",
                "streetAddress": {
                    "street": [{"language": "fi", "value": street}],
                    "streetNumber": number,
                    "postalCode": site.postal_code,
                    "postOffice": [{"language": "fi", "value": site.post_office.upper()}],
                    "municipality": {"code": site.municipality.municipality_code},
                },
            }
        ],
        "services": [{"service": {"id": s["id"], "name": s.get("name", "")}} for s in link.services]
        if link
        else [],
        "publishingStatus": "Published" if site.active else "Deleted",
        "modified": updated.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
    }

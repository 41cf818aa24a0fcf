from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Site, User
from clients.models import AccessAction, DisclosureLog
from clients.services import access_log
from decisions.models import Decision, DecisionStatus
from kuty.pdf import render_pdf

from .models import Placement

NOTICE_LEGAL_BASIS = (
    "Palvelun toteuttaminen järjestäjän puolesta: toteutuspaikalle annetaan vain palvelun "
    "toteuttamiseksi välttämättömät tiedot (laki sosiaalihuollon asiakkaan asemasta ja "
    "oikeuksista 812/2000; asiakastietolaki 703/2023)."
)


def default_contacts(decision: Decision) -> str:
    case = decision.case
    lines = [
        _("Omatyöntekijä: %(name)s, %(email)s")
        % {"name": case.responsible_worker.get_full_name(), "email": case.responsible_worker.email},
        _("Päätöksen yhteyshenkilö: %(name)s %(phone)s")
        % {"name": decision.contact_person.get_full_name(), "phone": decision.contact_phone},
    ]
    lines += [f"{coach.get_kind_display()}: {coach.name}" for coach in decision.coaches.all()]
    return "\n".join(lines)


@transaction.atomic
def placement_notice_send(
    *,
    user: User,
    decision: Decision,
    goals: str,
    client_info: str,
    contacts: str,
    sent_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Placement:
    """Tell the placement what it needs, and nothing more; this creates the placement."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("case__client", "site")
        .get(pk=decision.pk)
    )
    if (
        decision.status
        not in (DecisionStatus.MADE, DecisionStatus.NOTIFIED, DecisionStatus.IN_FORCE)
        or not decision.is_positive()
    ):
        raise ValidationError(_("Ilmoituksen voi lähettää vain tehdystä myönteisestä päätöksestä."))
    if hasattr(decision, "placement"):
        raise ValidationError(_("Ilmoitus on jo lähetetty."))
    if not goals.strip():
        raise ValidationError({"goals": _("Kirjaa tavoitteet toteutuspaikalle.")})
    client = decision.case.client
    placement = Placement(
        decision=decision,
        case=decision.case,
        site=decision.site,
        client_name=f"{client.first_names} {client.last_name}",
        client_info=client_info,
        start_on=decision.start_on,
        end_on=decision.end_on,
        weekdays=decision.weekdays,
        hours_per_day=decision.hours_per_day,
        goals=goals,
        contacts=contacts,
        notice_sent_on=sent_on or timezone.localdate(),
        notice_sent_by=user,
    )
    placement.full_clean()
    placement.save()
    pdf = render_pdf("placements/notice_pdf.html", {"placement": placement})
    placement.notice_pdf.save(f"ilmoitus-{placement.pk}.pdf", ContentFile(pdf), save=True)
    shared = _("Ilmoitus toteutuspaikalle: nimi, jakso, aikataulu, tavoitteet, yhteyshenkilöt")
    if client_info.strip():
        shared += _(" ja sovitut asiakastiedot")
    DisclosureLog.objects.create(
        client=client,
        recipient=decision.site.organization,
        data=shared,
        legal_basis=NOTICE_LEGAL_BASIS,
        disclosed_by=user,
    )
    access_log(
        user=user,
        clients=client,
        action=AccessAction.CHANGE,
        what=f"ilmoitus toteutuspaikalle (päätös {decision.pk})",
        request=request,
    )
    return placement


def directory_search(criteria: dict):
    """Sites matching the directory's search and filters, with their free places today."""
    today = timezone.localdate()
    live = [DecisionStatus.MADE, DecisionStatus.NOTIFIED, DecisionStatus.IN_FORCE]
    sites = (
        Site.objects.active()
        .select_related("organization", "municipality")
        .annotate(
            occupied=Count(
                "placements",
                filter=Q(
                    placements__start_on__lte=today,
                    placements__end_on__gte=today,
                    placements__decision__status__in=live,
                ),
            ),
        )
        .annotate(free=F("capacity") - F("occupied"))
    )
    sites = sites.search(criteria["q"]) if criteria.get("q") else sites.order_by("name")
    if criteria.get("municipality"):
        sites = sites.filter(municipality=criteria["municipality"])
    if criteria.get("kind_of_work"):
        sites = sites.filter(search_document__icontains=criteria["kind_of_work"].lower())
    if criteria.get("language"):
        sites = sites.filter(languages__contains=[criteria["language"]])
    if criteria.get("accessible"):
        sites = sites.filter(wheelchair_accessible=True)
    if criteria.get("start_activity"):
        sites = sites.filter(start_activity=True)
    if criteria.get("free_places"):
        sites = sites.filter(free__gt=0)
    return sites

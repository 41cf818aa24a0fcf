"""Demo clients and cases. Their identifiers are test identities (individual numbers
900–999), recorded as such, never as a henkilötunnus."""

import datetime

from django.utils import timezone

from accounts.models import Organization, User

from .models import Case, Client, Consent, IdentifierKind, Phase, ResponsibleWorkerChange

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
# Demo people are no one: their identifiers are test identities, shown as such.
TEST_IDENTITY = {
    "identifier_kind": IdentifierKind.TEST,
    "identifier_reason": "Demoaineiston testihenkilö, ei oikea henkilö.",
}


def demo_hetu(birth: datetime.date, individual: int) -> str:
    separator = "-" if birth.year < 2000 else "A"
    digits = f"{birth:%d%m%y}{individual:03d}"
    return f"{birth:%d%m%y}{separator}{individual:03d}{CHECK_CHARACTERS[int(digits) % 31]}"


# hetu birth date, individual number, first names, last name, language, phase, municipality
CLIENTS = [
    (
        datetime.date(1988, 3, 14),
        901,
        "Matti Johannes",
        "Mäkinen",
        "fi",
        Phase.NEED_RECOGNISED,
        "Seinäjoki",
    ),
    (datetime.date(1979, 11, 2), 902, "Anna-Liisa", "Korpela", "fi", Phase.ASSESSMENT, "Seinäjoki"),
    (datetime.date(1995, 6, 21), 903, "Jussi", "Hautala", "fi", Phase.PLANNING, "Seinäjoki"),
    (datetime.date(1983, 1, 30), 904, "Erik", "Sjöberg", "sv", Phase.DECISION, "Seinäjoki"),
    (
        datetime.date(1991, 9, 9),
        905,
        "Tiina Marjatta",
        "Rintala",
        "fi",
        Phase.IN_SERVICE,
        "Seinäjoki",
    ),
    (datetime.date(1975, 4, 17), 906, "Kari", "Peltoniemi", "fi", Phase.FOLLOW_UP, "Seinäjoki"),
    (datetime.date(1986, 12, 5), 907, "Sanna", "Ojala", "fi", Phase.CLOSED, "Seinäjoki"),
    (datetime.date(1990, 8, 11), 908, "Pasi", "Luoma", "fi", Phase.PLANNING, "Lapua"),
]
CONSENTED = {"Hautala", "Sjöberg", "Rintala"}


def seed() -> None:
    today = timezone.localdate()
    te_office = Organization.objects.get(kind=Organization.Kind.EMPLOYMENT_AUTHORITY)
    workers = {
        "Seinäjoki": User.objects.get(username="sosiaalityo"),
        "Lapua": User.objects.get(username="sosiaalityo.lapua"),
    }
    for index, (birth, number, first, last, language, phase, town) in enumerate(CLIENTS):
        municipality = Organization.objects.get(name=town, kind=Organization.Kind.MUNICIPALITY)
        client, _created = Client.objects.update_or_create(
            registrar=municipality,
            hetu=demo_hetu(birth, number),
            defaults={
                **TEST_IDENTITY,
                "first_names": first,
                "last_name": last,
                "language": language,
                "home_municipality": municipality,
                "phone": f"+358 40 000 {number}",
                "street_address": f"Esimerkkitie {index + 1}",
                "postal_code": "60100",
                "post_office": town,
            },
        )
        if client.cases.exists():
            continue
        opened = today - datetime.timedelta(days=30 * (index + 1))
        case = Case.objects.create(
            client=client,
            municipality=municipality,
            responsible_worker=workers[town],
            phase=phase,
            opened_on=opened,
            closed_on=today if phase == Phase.CLOSED else None,
        )
        ResponsibleWorkerChange.objects.create(
            case=case, worker=workers[town], changed_on=opened, changed_by=workers[town]
        )
        if last in CONSENTED:
            Consent.objects.create(
                client=client,
                organization=te_office,
                information="Aktivointisuunnitelma ja sen toteutumisen seuranta",
                purpose="Aktivointisuunnitelman laatiminen ja allekirjoitus",
                given_on=opened,
                expires_on=opened + datetime.timedelta(days=730),
                recorded_by=workers[town],
            )

"""Demo organisations, sites and users of South Ostrobothnia (Etelä-Pohjanmaa).

Business IDs are well-formed (valid check digit) but belong to the demo only.
"""

import datetime

from django.utils import timezone
from guardian.shortcuts import assign_perm

from .access import ENTRY_PERMISSION
from .models import Membership, Organization, Role, Site, User
from .services import site_reindex

DEMO_PASSWORD = "kuty-demo-2026"

REGION = ("Etelä-Pohjanmaan hyvinvointialue", "3221308-6")
MUNICIPALITIES = [
    ("Seinäjoki", "743", "0204819-8"),
    ("Lapua", "408", "0177736-4"),
    ("Kauhava", "233", "2988123-5"),
    ("Kurikka", "301", "1791342-0"),
    ("Alavus", "010", "0209602-6"),
    ("Ilmajoki", "145", "0190434-3"),
    ("Alajärvi", "005", "0178958-4"),
    ("Kauhajoki", "232", "0205083-7"),
]
TE_OFFICE = ("Seinäjoen seudun työllisyysalue", "")
# the work-ability team of the health services (työkykytiimi, the second seed)
TEAM = "Seinäjoen työkykytiimi"
PROVIDERS = [
    ("Seinäjoen kaupungin työpajat", "2459117-5"),  # a municipal workshop
    ("Säätiö Toivon Polku sr", "2987654-0"),  # a foundation
    ("Lapuan Kädentaidot ry", "2345678-0"),  # an association
]
SITES = [
    {
        "provider": "Seinäjoen kaupungin työpajat",
        "name": "Puutyöpaja Pajuluoma",
        "municipality": "Seinäjoki",
        "street_address": "Pajuluomantie 12",
        "postal_code": "60100",
        "post_office": "Seinäjoki",
        "kinds_of_work": ["puutyö", "huonekalujen kunnostus", "pienkorjaukset"],
        "capacity": 12,
        "languages": ["fi"],
        "wheelchair_accessible": True,
        "accessibility": "Katutason sisäänkäynti, esteetön WC.",
        "start_activity": True,
        "contact_name": "Pekka Ohjaaja",
        "contact_phone": "+358 40 123 4567",
        "description": "Puutöitä, huonekalujen kunnostusta ja tilaustöitä ohjatusti ryhmässä.",
    },
    {
        "provider": "Seinäjoen kaupungin työpajat",
        "name": "Keittiö- ja kahvilapaja Kampus",
        "municipality": "Seinäjoki",
        "street_address": "Kampusranta 9",
        "postal_code": "60320",
        "post_office": "Seinäjoki",
        "kinds_of_work": ["keittiötyö", "kahvila", "siivous"],
        "capacity": 8,
        "languages": ["fi", "en"],
        "wheelchair_accessible": True,
        "start_activity": False,
        "contact_name": "Katja Keittiö",
        "description": "Lounaskeittiö ja kahvila: ruoanvalmistusta, asiakaspalvelua, siivousta.",
    },
    {
        "provider": "Säätiö Toivon Polku sr",
        "name": "Kierrätyskeskus Toivo",
        "municipality": "Kurikka",
        "street_address": "Teollisuustie 4",
        "postal_code": "61300",
        "post_office": "Kurikka",
        "kinds_of_work": ["kierrätys", "lajittelu", "myymälätyö"],
        "capacity": 15,
        "languages": ["fi", "sv"],
        "wheelchair_accessible": False,
        "accessibility": "Lastauslaiturin kautta porras, avustaja paikalla.",
        "start_activity": True,
        "contact_name": "Tiina Toivonen",
        "description": (
            "Kierrätystavaran vastaanotto, lajittelu ja myymälä. "
            "På svenska: återvinning, sortering och små snickerier."
        ),
    },
    {
        "provider": "Säätiö Toivon Polku sr",
        "name": "Ilmajoen puutarha",
        "municipality": "Ilmajoki",
        "street_address": "Puutarhakuja 2",
        "postal_code": "60800",
        "post_office": "Ilmajoki",
        "kinds_of_work": ["puutarhatyö", "viherhoito"],
        "capacity": 6,
        "languages": ["fi"],
        "wheelchair_accessible": False,
        "start_activity": False,
        "contact_name": "Tiina Toivonen",
        "description": "Kasvihuone ja ulkoalueiden hoito, kausittain.",
    },
    {
        "provider": "Lapuan Kädentaidot ry",
        "name": "Kädentaitokeskus Lapua",
        "municipality": "Lapua",
        "street_address": "Kauppakatu 20",
        "postal_code": "62100",
        "post_office": "Lapua",
        "kinds_of_work": ["käsityö", "ompelu", "tekstiilityö"],
        "capacity": 10,
        "languages": ["fi"],
        "wheelchair_accessible": True,
        "start_activity": True,
        "contact_name": "Liisa Lankinen",
        "description": "Ompelua, tekstiilien korjausta ja käsitöitä pienryhmissä.",
    },
]

# When each directory entry was last updated (days ago) and by whom: one is stale
# (over 6 months), one was never updated through kuty.
ENTRY_UPDATES = [
    ("Puutyöpaja Pajuluoma", 12, "ohjaaja"),
    ("Keittiö- ja kahvilapaja Kampus", 45, "paakayttaja"),
    ("Kierrätyskeskus Toivo", 20, "ohjaaja.kurikka"),
    ("Ilmajoen puutarha", 240, None),
]

# username, first name, last name, [(organisation, role, [sites])], is_staff
USERS = [
    ("sosiaalityo", "Sari", "Sosiaalityöntekijä", [("Seinäjoki", Role.SOCIAL_WORKER, [])]),
    # a colleague, so that a case can be handed over ("Uusi omatyöntekijä")
    ("sosiaalityo2", "Sanna", "Sijainen", [("Seinäjoki", Role.SOCIAL_WORKER, [])]),
    ("te", "Tero", "Työllisyysasiantuntija", [(TE_OFFICE[0], Role.EMPLOYMENT_OFFICER, [])]),
    ("tyokyky", "Hanna", "Terveydenhoitaja", [(TEAM, Role.TEAM_COORDINATOR, [])]),
    ("tyokyky.laakari", "Leena", "Lääkäri", [(TEAM, Role.TEAM_DOCTOR, [])]),
    (
        "ohjaaja",
        "Pekka",
        "Ohjaaja",
        [
            (
                "Seinäjoen kaupungin työpajat",
                Role.SUPERVISOR,
                ["Puutyöpaja Pajuluoma", "Keittiö- ja kahvilapaja Kampus"],
            )
        ],
    ),
    ("koordinaattori", "Kaisa", "Koordinaattori", [(REGION[0], Role.COORDINATOR, [])]),
    (
        "paakayttaja",
        "Paula",
        "Pääkäyttäjä",
        [
            ("Seinäjoki", Role.ADMIN, []),
            ("Seinäjoen kaupungin työpajat", Role.ADMIN, []),
        ],
    ),
    (
        "tietosuoja",
        "Tuula",
        "Tietosuojavastaava",
        [("Seinäjoki", Role.PRIVACY_OFFICER, [])],
    ),
    # other organisations: what each role must NOT see of Seinäjoki's cases
    ("sosiaalityo.lapua", "Lauri", "Lapualainen", [("Lapua", Role.SOCIAL_WORKER, [])]),
    (
        "ohjaaja.kurikka",
        "Tiina",
        "Toivonen",
        [("Säätiö Toivon Polku sr", Role.SUPERVISOR, ["Kierrätyskeskus Toivo"])],
    ),
]


def _organization(name: str, kind: str, business_id: str = "", **extra) -> Organization:
    organization, _created = Organization.objects.update_or_create(
        name=name, defaults={"kind": kind, "business_id": business_id, **extra}
    )
    return organization


def seed() -> list[tuple[str, str]]:
    """Create or update the demo organisations, sites and users. Returns the logins."""
    region = _organization(REGION[0], Organization.Kind.REGION, REGION[1])
    for name, code, business_id in MUNICIPALITIES:
        _organization(
            name,
            Organization.Kind.MUNICIPALITY,
            business_id,
            municipality_code=code,
            parent=region,
        )
    _organization(TE_OFFICE[0], Organization.Kind.EMPLOYMENT_AUTHORITY, TE_OFFICE[1], parent=region)
    for name, business_id in PROVIDERS:
        _organization(name, Organization.Kind.PROVIDER, business_id)
    _organization("Kela, Länsi-Suomen vakuutuspiiri", Organization.Kind.KELA)
    _organization(TEAM, Organization.Kind.WORKABILITY_TEAM, parent=region)

    organizations = {o.name: o for o in Organization.objects.all()}
    sites = {}
    for data in SITES:
        values = dict(data)
        provider = organizations[values.pop("provider")]
        municipality = organizations[values.pop("municipality")]
        site, _created = Site.objects.update_or_create(
            organization=provider,
            name=values.pop("name"),
            defaults={"municipality": municipality, **values},
        )
        sites[site.name] = site
    site_reindex(Site.objects.select_related("organization", "municipality"))

    logins = []
    for username, first_name, last_name, memberships in USERS:
        is_admin = any(role == Role.ADMIN for _org, role, _sites in memberships)
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@demo.kuty.invalid",
                "is_staff": is_admin,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        for org_name, role, site_names in memberships:
            membership, _created = Membership.objects.get_or_create(
                user=user, organization=organizations[org_name], role=role
            )
            membership.sites.set([sites[name] for name in site_names])
        roles = ", ".join(f"{role.label} / {org}" for org, role, _s in memberships)
        logins.append((username, roles))
    _entries(sites)
    return logins


def _entries(sites: dict[str, Site]) -> None:
    users = User.objects.in_bulk(
        ["ohjaaja", "ohjaaja.kurikka", "paakayttaja"], field_name="username"
    )
    now = timezone.now()
    for name, days, username in ENTRY_UPDATES:
        Site.objects.filter(pk=sites[name].pk).update(
            entry_updated_at=now - datetime.timedelta(days=days),
            entry_updated_by=users.get(username),
        )
    # The workshops' administrator (paakayttaja) granted the supervisor the right to keep
    # Pajuluoma's directory entry, not Kampus's; the foundation's supervisor keeps Toivo's.
    assign_perm(ENTRY_PERMISSION, users["ohjaaja"], sites["Puutyöpaja Pajuluoma"])
    assign_perm(ENTRY_PERMISSION, users["ohjaaja.kurikka"], sites["Kierrätyskeskus Toivo"])

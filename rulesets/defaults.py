"""The national rule sets known at install (docs/law.md gives each one's sources).

A later change of the law is a new rule set with its own effective date, added in the
admin (or, for every installation at once, by a data migration calling `ensure`)."""

import datetime
from decimal import Decimal

ACTIVATION = "aktivointisuunnitelma"
MULTISECTOR = "monialainen-tyollistymissuunnitelma"
THREE_PARTIES = ["employment_authority", "municipality", "client"]

LEGAL_BASIS_FI = (
    "Laki kuntouttavasta työtoiminnasta (189/2001) 2, 3, 13 a ja 13 b §; "
    "sosiaalihuoltolaki (1301/2014) 17 ja 45 §."
)
LEGAL_BASIS_SV = (
    "Lagen om arbetsverksamhet i rehabiliteringssyfte (189/2001) 2, 3, 13 a och 13 b §; "
    "socialvårdslagen (1301/2014) 17 och 45 §."
)
SERVICE = (
    "Kuntouttava työtoiminta",
    "Arbetsverksamhet i rehabiliteringssyfte",
    "Rehabilitative work activity",
)
LIMITS = {
    "period_min_months": 3,
    "period_max_months": 24,
    "days_week_min": 1,
    "days_week_max": 4,
    "hours_day_min": 4,
    "hours_day_max": 8,
    "day_limit": 178,
    "expense_compensation_eur": Decimal("9.00"),
    "activity_allowance_eur": Decimal("9.00"),
    "notice_interval_days": 14,
}


def _plan(code, fi, sv, en, statute, benefits=()):
    return {
        "code": code,
        "name_fi": fi,
        "name_sv": sv,
        "name_en": en,
        "statute": statute,
        "for_benefits": list(benefits),
        "signatories": THREE_PARTIES,
    }


ACTIVATION_PLAN = ("Aktivointisuunnitelma", "Aktiveringsplan", "Activation plan")
MULTISECTOR_PLAN = (
    "Monialainen työllistymissuunnitelma",
    "Sektorövergripande sysselsättningsplan",
    "Multi-sector employment plan",
)

RULE_SETS = [
    {
        "effective_from": datetime.date(2001, 9, 1),
        "name": "Laki kuntouttavasta työtoiminnasta 189/2001",
        "statutes": "189/2001 2, 3, 13 a, 13 b §; 1369/2014 (monialainen yhteispalvelu)",
        "organiser_kind": "municipality",
        "plans": [
            _plan(ACTIVATION, *ACTIVATION_PLAN, "189/2001 2 § 1, 8 §"),
            _plan(MULTISECTOR, *MULTISECTOR_PLAN, "1369/2014 7 §"),
        ],
    },
    {
        "effective_from": datetime.date(2023, 1, 1),
        "name": "189/2001, järjestäjänä hyvinvointialue (616/2021)",
        "statutes": "189/2001; 616/2021 (sote-uudistuksen voimaanpanolaki); 1369/2014",
        "organiser_kind": "wellbeing_county",
        "plans": [
            _plan(ACTIVATION, *ACTIVATION_PLAN, "189/2001 2 § 1, 8 §"),
            _plan(MULTISECTOR, *MULTISECTOR_PLAN, "1369/2014 7 §"),
        ],
    },
    {
        "effective_from": datetime.date(2025, 1, 1),
        "name": "189/2001 muutettuna 399/2023: työvoimaviranomainen",
        "statutes": "189/2001 2 § 1 (399/2023); 380/2023; 381/2023 (monialainen yhteispalvelu)",
        "organiser_kind": "wellbeing_county",
        "plans": [
            _plan(ACTIVATION, *ACTIVATION_PLAN, "189/2001 2 § 1 (399/2023)"),
            _plan(MULTISECTOR, *MULTISECTOR_PLAN, "381/2023"),
        ],
    },
]


# HE 109/2025 (StVM 27/2025): the activation plan only for people on social assistance
# because of unemployment; everyone else through the multi-sector employment plan. Its
# date is not settled: an administrator adds it with `he_109_2025(date)` in mind (the
# admin, or `manage.py shell`), and the demo data adds it in the future.
def he_109_2025(effective_from: datetime.date) -> dict:
    return {
        "effective_from": effective_from,
        "name": "HE 109/2025: aktivointisuunnitelma vain toimeentulotuen saajille",
        "statutes": "189/2001 (HE 109/2025, StVM 27/2025); 381/2023",
        "organiser_kind": "wellbeing_county",
        "plans": [
            _plan(ACTIVATION, *ACTIVATION_PLAN, "189/2001 (HE 109/2025)", ["social_assistance"]),
            _plan(MULTISECTOR, *MULTISECTOR_PLAN, "381/2023"),
        ],
    }


def ensure(rule_set_model, plan_type_model, spec: dict, region=None):
    """Idempotent: the rule set of `spec` for `region` (national when None)."""
    spec = dict(spec)
    plans = spec.pop("plans")
    defaults = {
        **LIMITS,
        "service_name_fi": SERVICE[0],
        "service_name_sv": SERVICE[1],
        "service_name_en": SERVICE[2],
        "legal_basis_fi": LEGAL_BASIS_FI,
        "legal_basis_sv": LEGAL_BASIS_SV,
        **{k: v for k, v in spec.items() if k != "effective_from"},
    }
    rule_set, created = rule_set_model.objects.get_or_create(
        region=region, effective_from=spec["effective_from"], defaults=defaults
    )
    if created:
        for order, plan in enumerate(plans, start=1):
            plan_type_model.objects.create(rule_set=rule_set, order=order, **plan)
    return rule_set

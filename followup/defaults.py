"""The defaults the region starts from; both lists are data it revises in the admin."""

# The uniform evaluation form, version 1 (each item 1–5 with a comment).
EVALUATION_ITEMS = [
    ("punctuality", "Täsmällisyys ja poissaoloista ilmoittaminen", "Punktlighet", "Punctuality"),
    ("instructions", "Ohjeiden noudattaminen", "Att följa instruktioner", "Following instructions"),
    ("work_skills", "Työtaidot", "Arbetsfärdigheter", "Work skills"),
    ("initiative", "Oma-aloitteisuus", "Initiativförmåga", "Initiative"),
    ("cooperation", "Yhteistyötaidot", "Samarbetsförmåga", "Co-operation"),
    ("coping", "Jaksaminen", "Ork", "Coping"),
]

# Kykyviisari's domains as TTL reported them in 2019 (DOMAIN.md), 0–10, 10 = best.
CAPACITY_DOMAINS = [
    ("work_ability", "Työkyky", "Arbetsförmåga", "Work ability"),
    ("mental_wellbeing", "Henkinen hyvinvointi", "Psykiskt välbefinnande", "Mental wellbeing"),
    (
        "social_participation",
        "Sosiaalinen osallisuus",
        "Social delaktighet",
        "Social participation",
    ),
    (
        "physical_functioning",
        "Fyysinen toimintakyky",
        "Fysisk funktionsförmåga",
        "Physical functioning",
    ),
    ("skills", "Osaaminen", "Kunnande", "Skills"),
    ("everyday_life", "Arjen sujuvuus", "Vardagen fungerar", "Everyday life"),
]


def ensure_defaults(EvaluationForm, EvaluationItem, CapacityDomain) -> None:
    """Idempotent: run by the data migration and by tests that flush the database."""
    if not EvaluationForm.objects.exists():
        form = EvaluationForm.objects.create(version=1, active=True)
        for position, (code, fi, sv, en) in enumerate(EVALUATION_ITEMS, 1):
            EvaluationItem.objects.create(
                form=form, position=position, code=code, name=fi, name_sv=sv, name_en=en
            )
    for position, (code, fi, sv, en) in enumerate(CAPACITY_DOMAINS, 1):
        CapacityDomain.objects.get_or_create(
            code=code, defaults={"position": position, "name": fi, "name_sv": sv, "name_en": en}
        )

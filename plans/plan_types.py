"""The plan types kuty knows at install; more can be added as data (HE 109/2025)."""

PLAN_TYPES = [
    ("aktivointisuunnitelma", "Aktivointisuunnitelma", "Aktiveringsplan", "Activation plan"),
    (
        "monialainen-tyollistymissuunnitelma",
        "Monialainen työllistymissuunnitelma",
        "Sektorövergripande sysselsättningsplan",
        "Multi-sector employment plan",
    ),
]


def ensure_plan_types(plan_type_model) -> None:
    """Idempotent; takes the model so that the data migration can pass its historic one."""
    for code, fi, sv, en in PLAN_TYPES:
        plan_type_model.objects.get_or_create(
            code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en}
        )

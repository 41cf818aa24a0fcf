from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def install_national_rule_sets(apps=None, using: str = "default", **_kwargs) -> None:
    """The law's national rule sets (migration 0002) back in a database that has none:
    a flushed database (Django's flush, as transactional tests use it, sends post_migrate).
    A database that holds any national set is left as its administrators edited it."""
    from django.apps import apps as global_apps

    from rulesets.defaults import RULE_SETS, ensure

    apps = apps or global_apps  # flush sends post_migrate without the migration's apps

    rule_set = apps.get_model("rulesets", "RuleSet")
    if rule_set.objects.using(using).filter(region__isnull=True).exists():
        return
    for spec in RULE_SETS:
        ensure(rule_set, apps.get_model("rulesets", "PlanTypeRule"), spec)


class RulesetsConfig(AppConfig):
    name = "rulesets"
    verbose_name = _("Säännöt (laki voimaantulopäivineen)")

    def ready(self) -> None:
        post_migrate.connect(
            install_national_rule_sets, sender=self, dispatch_uid="kuty-national-rule-sets"
        )

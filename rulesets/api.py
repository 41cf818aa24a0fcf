"""/api/v1/rule-sets/: the rule sets with their effective dates (public law, no client
data): what a plan, a decision or a week dated on a day is judged by."""

from rest_framework import serializers, viewsets

from .models import PlanTypeRule, RuleSet


class PlanTypeRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanTypeRule
        fields = ["code", "name_fi", "name_sv", "name_en", "statute", "for_benefits", "signatories"]


class RuleSetSerializer(serializers.ModelSerializer):
    plan_types = PlanTypeRuleSerializer(many=True, read_only=True)

    class Meta:
        model = RuleSet
        fields = [
            "id",
            "region",
            "effective_from",
            "name",
            "statutes",
            "service_name_fi",
            "service_name_sv",
            "service_name_en",
            "organiser_kind",
            "legal_basis_fi",
            "legal_basis_sv",
            "period_min_months",
            "period_max_months",
            "days_week_min",
            "days_week_max",
            "hours_day_min",
            "hours_day_max",
            "day_limit",
            "expense_compensation_eur",
            "activity_allowance_eur",
            "notice_interval_days",
            "plan_types",
        ]


class RuleSetViewSet(viewsets.ReadOnlyModelViewSet):
    """Every rule set, national (region null) and regional, newest effective date first."""

    serializer_class = RuleSetSerializer
    queryset = RuleSet.objects.prefetch_related("plan_types").order_by("-effective_from", "pk")
    filterset_fields = ["region"]

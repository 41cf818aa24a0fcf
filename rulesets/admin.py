"""The rule sets in the admin: a superuser edits the national ones, a region's
administrator (an admin membership of the region) its own region's; both read the
national ones. Every change is kept by pghistory and shown on the rule set's page."""

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization

from .models import PlanTypeRule, RuleSet


def _regions_of(request: HttpRequest) -> QuerySet:
    return Organization.objects.administered_by(request.user).filter(kind=Organization.Kind.REGION)


class PlanTypeRuleInline(admin.TabularInline):
    model = PlanTypeRule
    extra = 0


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    inlines = [PlanTypeRuleInline]
    list_display = ["name", "region", "effective_from", "day_limit", "organiser_kind"]
    list_filter = ["region"]
    readonly_fields = ["history"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request).select_related("region")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(Q(region__isnull=True) | Q(region__in=_regions_of(request)))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or _regions_of(request).exists()

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if request.user.is_superuser:
            return True
        if obj is None:
            return _regions_of(request).exists()
        return obj.region_id is not None and _regions_of(request).filter(pk=obj.region_id).exists()

    has_delete_permission = has_change_permission

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "region" and not request.user.is_superuser:
            kwargs["queryset"] = _regions_of(request)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("Muutoshistoria"))
    def history(self, obj: RuleSet):
        if obj.pk is None:
            return "–"
        events = obj.events.order_by("-pgh_created_at")[:20]
        return (
            format_html_join(
                "",
                "<div>{} {} {} · {} {}</div>",
                (
                    (
                        event.pgh_created_at.strftime("%-d.%-m.%Y %H:%M"),
                        event.pgh_label,
                        event.name,
                        event.effective_from.strftime("%-d.%-m.%Y"),
                        (event.pgh_context or {}).get("user", "") if event.pgh_context_id else "",
                    )
                    for event in events
                ),
            )
            or "–"
        )

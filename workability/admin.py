"""The region sets its integration criteria here, without code: a row of its own for a
kind overrides the national default (no region) of that kind."""

from django.contrib import admin

from .models import IntegrationRule


@admin.register(IntegrationRule)
class IntegrationRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "region", "threshold", "weeks", "active"]
    list_filter = ["region", "kind", "active"]
    ordering = ["region", "kind"]

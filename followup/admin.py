"""The region revises its uniform forms here, without code: a new version of the
evaluation form (its items) and the self-assessment's domains. Old evaluations keep
the version they were written on."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import CapacityDomain, EvaluationForm, EvaluationItem


class EvaluationItemInline(admin.TabularInline):
    model = EvaluationItem
    extra = 1
    fields = ["position", "code", "name", "name_sv", "name_en"]


@admin.register(EvaluationForm)
class EvaluationFormAdmin(admin.ModelAdmin):
    list_display = ["version", "introduced_on", "active"]
    inlines = [EvaluationItemInline]
    actions = ["take_into_use"]

    def get_readonly_fields(self, request, obj=None):
        # a version that has been used is kept as it was: revise by a new version
        if obj is not None and obj.active:
            return ["version", "active"]
        return ["active"]

    @admin.action(description=_("Ota valittu versio käyttöön"))
    def take_into_use(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Valitse yksi versio."), messages.ERROR)
            return
        with transaction.atomic():
            EvaluationForm.objects.filter(active=True).update(active=False)
            queryset.update(active=True)
        self.message_user(request, _("Versio otettu käyttöön."))


@admin.register(CapacityDomain)
class CapacityDomainAdmin(admin.ModelAdmin):
    list_display = ["position", "code", "name", "name_sv", "name_en", "active"]
    ordering = ["position"]

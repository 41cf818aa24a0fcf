"""Django admin for organisations, sites, users and memberships.

A superuser sees everything. An organisation's administrator (is_staff + an admin
membership) sees and edits only the organisations they administer, their sites and
memberships, and the users who belong to them: other objects are not in the
querysets, so the admin answers as if they did not exist.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Membership, Organization, Site, User
from .services import membership_check_grantor, site_reindex


class MembershipForm(forms.ModelForm):
    """Refuses a membership its receiver would give themselves (membership_check_grantor).
    The admin sets `actor` on the form class it builds for each request."""

    actor: User | None = None

    def clean(self):
        cleaned = super().clean()
        before = None
        if self.instance.pk:
            before = Membership.objects.select_related(None).get(pk=self.instance.pk)
        user = cleaned.get("user") or getattr(self.instance, "user", None)
        membership_check_grantor(
            actor=self.actor,
            user=user,
            role=cleaned.get("role", ""),
            organization_id=getattr(cleaned.get("organization"), "pk", None),
            site_ids={site.pk for site in cleaned.get("sites") or []},
            before=before,
        )
        return cleaned


class ScopedAdmin(admin.ModelAdmin):
    def scope(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.administered_by(request.user)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return self.scope(request, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization" and not request.user.is_superuser:
            kwargs["queryset"] = Organization.objects.administered_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    extra = 1

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.actor = request.user
        return formset

    autocomplete_fields = ["organization"]
    filter_horizontal = ["sites"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).administered_by(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization" and not request.user.is_superuser:
            kwargs["queryset"] = Organization.objects.administered_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "sites":
            kwargs["queryset"] = Site.objects.administered_by(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Organization)
class OrganizationAdmin(ScopedAdmin):
    list_display = ["name", "kind", "business_id", "municipality_code"]
    list_filter = ["kind"]
    search_fields = ["name", "business_id", "municipality_code"]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        if request.user.is_superuser:
            return ()
        # What kind an organisation is decides which roles it may hold: not its own call.
        return ("kind", "municipality_code", "parent", "business_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New organisations are a regional decision, made by a superuser.
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(Site)
class SiteAdmin(ScopedAdmin):
    list_display = ["name", "organization", "municipality", "capacity", "active"]
    list_filter = ["active", "start_activity", "wheelchair_accessible"]
    search_fields = ["name", "organization__name", "post_office"]
    list_select_related = ["organization", "municipality"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        site_reindex([obj])


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    form = MembershipForm
    list_display = ["user", "organization", "role"]
    list_filter = ["role"]
    list_select_related = ["user", "organization"]
    autocomplete_fields = ["organization"]
    filter_horizontal = ["sites"]

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = User.objects.filter(
                memberships__in=Membership.objects.administered_by(request.user)
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "sites":
            kwargs["queryset"] = Site.objects.administered_by(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def administered_users(admin_user: User, queryset: QuerySet) -> QuerySet:
    """Only users who belong to the administrator's organisations and to no other:
    no one can take over an account that reaches further than their own scope."""
    if admin_user.is_superuser:
        return queryset
    administered = Organization.objects.administered_by(admin_user)
    return (
        queryset.filter(memberships__organization__in=administered, is_superuser=False)
        .exclude(memberships__in=Membership.objects.exclude(organization__in=administered))
        .distinct()
    )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("API"), {"fields": ["is_system_integration"]}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return administered_users(request.user, super().get_queryset(request))

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        # An organisation's administrator cannot hand out powers beyond kuty's roles.
        return ["is_superuser", "is_staff", "groups", "user_permissions", "last_login"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """API tokens of the administrator's users: seen and revoked, never made or read
    here (only a hash is stored)."""

    list_display = ["token_key", "user", "kind", "created", "expiry"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    search_fields = ["token_key", "user__username"]
    fields = ["token_key", "user", "kind", "created", "expiry"]
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        users = administered_users(request.user, User.objects.all())
        return super().get_queryset(request).filter(user__in=users)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

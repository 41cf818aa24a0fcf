"""Django admin for organisations, sites, users and memberships.

A superuser sees everything. An organisation's administrator (is_staff + an admin
membership) sees and edits only the organisations they administer, their sites and
memberships, and the users who belong to them: other objects are not in the
querysets, so the admin answers as if they did not exist.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdminMixin

from core.access import as_pk

from .access import administers
from .models import ApiToken, Membership, Organization, Site, SiteEntryEditor, User
from .services import (
    GUARDED_MESSAGE,
    account_refusal_log,
    guarded_account,
    membership_check_grantor,
    password_reset_send,
    site_entry_check_grant,
    site_entry_grant,
    site_entry_revoke,
    site_entry_touch,
    site_reindex,
)


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


class MembershipInline(admin.StackedInline):
    model = Membership
    form = MembershipForm
    extra = 1

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.actor = request.user
        return formset

    autocomplete_fields = ["organization"]
    # stacked fields and a stacked site chooser: as a table row beside the admin's sidebar
    # they made the add-user page 1 500 px wide at 1280 (issue 27)
    filter_vertical = ["sites"]

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


class SiteEditorSelectForm(forms.Form):
    user = forms.CharField(label=_("Käyttäjätunnus"), max_length=150)

    def clean_user(self) -> User:
        user = User.objects.filter(username=self.cleaned_data["user"]).first()
        if user is None:
            raise forms.ValidationError(_("Käyttäjätunnusta ei löydy."))
        return user


class SiteEditorRightForm(forms.Form):
    granted = forms.BooleanField(
        label=_("Saa muokata yksikön hakemistotietoja"),
        required=False,
    )


@admin.register(Site)
class SiteAdmin(GuardedModelAdminMixin, ScopedAdmin):
    """Sites; their directory entry's editing rights are guardian object permissions,
    managed on the site's "Muokkausoikeudet" page (GuardedModelAdmin) through the same
    services as the site page: only the provider's administrator, only to a colleague,
    never to oneself, and only the one permission (no groups)."""

    list_display = ["name", "organization", "municipality", "capacity", "active"]
    list_filter = ["active", "start_activity", "wheelchair_accessible"]
    search_fields = ["name", "organization__name", "post_office"]
    list_select_related = ["organization", "municipality"]
    readonly_fields = ["entry_updated_at", "entry_updated_by"]
    change_form_template = "admin/accounts/site/change_form.html"
    obj_perms_manage_template = "admin/accounts/site/obj_perms_manage.html"
    obj_perms_manage_user_template = "admin/accounts/site/obj_perms_manage_user.html"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        site_entry_touch(site=obj, actor=request.user)
        site_reindex([obj])

    def get_obj_perms_user_select_form(self, request):
        return SiteEditorSelectForm

    def _site_or_404(self, request, object_pk) -> Site:
        site = self.get_queryset(request).filter(pk=as_pk(object_pk)).first()
        if site is None or not administers(request.user, site):
            raise Http404
        return site

    def obj_perms_manage_view(self, request, object_pk):
        self._site_or_404(request, object_pk)
        return super().obj_perms_manage_view(request, object_pk)

    def obj_perms_manage_user_view(self, request, object_pk, user_id):
        site = self._site_or_404(request, object_pk)
        user = User.objects.filter(pk=as_pk(user_id)).first()
        if user is None:
            raise Http404
        back = reverse("admin:accounts_site_permissions", args=[site.pk])
        granted = SiteEntryEditor.objects.filter(user=user, content_object=site).exists()
        if not granted:
            try:
                site_entry_check_grant(actor=request.user, site=site, user=user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(back)
        data = request.POST if request.method == "POST" else None
        form = SiteEditorRightForm(data, initial={"granted": granted})
        if request.method == "POST" and form.is_valid():
            if form.cleaned_data["granted"]:
                site_entry_grant(actor=request.user, site=site, user=user)
            else:
                site_entry_revoke(actor=request.user, site=site, user=user)
            messages.success(request, _("Muokkausoikeus tallennettu."))
            return redirect(back)
        context = self.get_obj_perms_base_context(request, site)
        context.update(user_obj=user, form=form, title=_("Muokkausoikeudet"))
        return render(request, self.obj_perms_manage_user_template, context)

    def obj_perms_manage_group_view(self, request, object_pk, group_id):
        raise Http404  # kuty's rights follow memberships, not groups


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
    add_form_template = "admin/accounts/user/add_form.html"
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
        fields = ["is_superuser", "is_staff", "groups", "user_permissions", "last_login"]
        if obj is not None and guarded_account(obj):
            fields.append("email")  # the reset link goes to the user's own address
        return fields

    def user_change_password(self, request: HttpRequest, id, form_url=""):
        """An organisation's administrator does not set the password of an account that
        opens client data (issue 28): they could sign in as that person. The refusal is
        in the admin's log, which the privacy officer's misuse check shows."""
        user = self.get_object(request, as_pk(id))
        if user is None or request.user.is_superuser or not guarded_account(user):
            return super().user_change_password(request, id, form_url)
        account_refusal_log(actor=request.user, user=user, what=_("salasanan asettaminen"))
        self.message_user(request, GUARDED_MESSAGE, messages.ERROR)
        return redirect("admin:accounts_user_change", user.pk)

    @admin.action(description=_("Lähetä salasanan vaihtolinkki käyttäjän omaan osoitteeseen"))
    def send_reset_link(self, request: HttpRequest, queryset: QuerySet) -> None:
        for user in queryset.exclude(email=""):
            password_reset_send(user=user, request=request)
        self.message_user(request, _("Vaihtolinkki lähetetty käyttäjien omiin osoitteisiin."))

    actions = ["send_reset_link"]


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

from django.contrib.auth.backends import BaseBackend

from .models import Organization, Role

# What an organisation's administrator may do in the Django admin; the querysets there
# keep it to their own organisations.
ADMIN_PERMISSIONS = frozenset(
    f"accounts.{codename}"
    for codename in (
        "view_organization",
        "change_organization",
        "add_site",
        "change_site",
        "view_site",
        "add_membership",
        "change_membership",
        "delete_membership",
        "view_membership",
        "add_user",
        "change_user",
        "view_user",
        "view_apitoken",
        "delete_apitoken",
    )
)


# The region's administrator also keeps the region's uniform forms (followup).
REGION_ADMIN_PERMISSIONS = frozenset(
    f"followup.{action}_{model}"
    for model in ("evaluationform", "evaluationitem", "capacitydomain")
    for action in ("view", "add", "change")
)


class RoleBackend(BaseBackend):
    """Model permissions that follow from a user's roles, not from groups."""

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not user_obj.has_role(Role.ADMIN):
            return set()
        regional = any(
            org.kind == Organization.Kind.REGION for org in user_obj.organizations_as(Role.ADMIN)
        )
        return set(ADMIN_PERMISSIONS | (REGION_ADMIN_PERMISSIONS if regional else frozenset()))

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label: str) -> bool:
        """The admin lists an app (its sidebar, its index) only to a user with a module
        permission: without this, an organisation's administrator met an empty admin
        ("nothing to view or edit", issue 27)."""
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))

import datetime

import pghistory
from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from knox.models import AbstractAuthToken
from stdnum.fi import ytunnus

from core.text import TEXT, LimitedTextField

from .scope import SUPERVISED_SITE_IDS_SQL
from .validators import validate_business_id, validate_municipality_code


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Sosiaalityöntekijä")
    # The employment authority (työvoimaviranomainen, 189/2001 2 § 1 as amended by
    # 399/2023): stored as "te_officer" until 2025 (accounts migration 0011).
    EMPLOYMENT_OFFICER = "employment_officer", _("Työvoimaviranomaisen asiantuntija")
    SUPERVISOR = "supervisor", _("Työtoiminnan ohjaaja")
    COORDINATOR = "coordinator", _("Alueellinen koordinaattori")
    ADMIN = "admin", _("Pääkäyttäjä")
    PRIVACY_OFFICER = "privacy_officer", _("Tietosuojavastaava")
    # reads its own municipality's regional report (aggregates only, no client data)
    SOCIAL_WORK_LEAD = "social_work_lead", _("Sosiaalityön johtaja")
    # the work-ability team of the health services (työkykytiimi): the responsible
    # worker of the work-ability path, and the team's doctor
    TEAM_COORDINATOR = "team_coordinator", _("Työkykykoordinaattori / terveydenhoitaja")
    TEAM_DOCTOR = "team_doctor", _("Työkykytiimin lääkäri")


# The names before the 2025 reform, for code written against them (same members).
Role.TE_OFFICER = Role.EMPLOYMENT_OFFICER


class User(AbstractUser):
    """kuty's user. What a user may do comes from their memberships, not from groups."""

    # The language of the mail kuty sends (the daily digest): the interface's last choice.
    language = models.CharField(
        _("asiointikieli"),
        max_length=2,
        choices=[("fi", "suomi"), ("sv", "svenska"), ("en", "English")],
        default="fi",
    )
    is_system_integration = models.BooleanField(
        _("järjestelmäintegraatio"),
        default=False,
        help_text=_(
            "Toisen järjestelmän käyttäjätunnus: sen API-tunnisteet ovat voimassa kiinteän "
            "ajan käytöstä riippumatta."
        ),
    )

    class Meta:
        verbose_name = _("käyttäjä")
        verbose_name_plural = _("käyttäjät")

    @cached_property
    def active_memberships(self) -> list["Membership"]:
        return list(self.memberships.select_related("organization").order_by("role", "pk"))

    @cached_property
    def roles(self) -> set[str]:
        return {m.role for m in self.active_memberships}

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def organizations_as(self, role: str) -> list["Organization"]:
        return [m.organization for m in self.active_memberships if m.role == role]


class OrganizationQuerySet(models.QuerySet):
    def administered_by(self, user: User) -> "OrganizationQuerySet":
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user, memberships__role=Role.ADMIN).distinct()

    def municipalities(self) -> "OrganizationQuerySet":
        return self.filter(kind=Organization.Kind.MUNICIPALITY)


class Organization(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", _("Hyvinvointialue / alue")
        MUNICIPALITY = "municipality", _("Kunta")
        EMPLOYMENT_AUTHORITY = (
            "employment_authority",
            _("Työvoimaviranomainen (kunta tai työllisyysalue)"),
        )
        PROVIDER = "provider", _("Palveluntuottaja")
        KELA = "kela", _("Kela")
        HEALTH_CARE = "health_care", _("Terveydenhuolto")
        WORKABILITY_TEAM = "workability_team", _("Työkykytiimi (terveyspalvelut)")
        OTHER = "other", _("Muu")

    name = models.CharField(_("nimi"), max_length=200)
    kind = models.CharField(_("tyyppi"), max_length=20, choices=Kind.choices)
    business_id = models.CharField(
        _("Y-tunnus"), max_length=9, blank=True, validators=[validate_business_id]
    )
    municipality_code = models.CharField(
        _("kuntanumero"),
        max_length=3,
        blank=True,
        validators=[validate_municipality_code],
        help_text=_("Tilastokeskuksen kolminumeroinen kuntanumero, kunnille pakollinen."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("kuuluu alueeseen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    email = models.EmailField(_("sähköposti"), blank=True)
    phone = models.CharField(_("puhelin"), max_length=40, blank=True)

    # Which employment area (työllisyysalue) the employment authority is, or which one a
    # municipality belongs to (Act 380/2023 on organising employment services).
    employment_area = models.CharField(_("työllisyysalue"), max_length=200, blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisaatio")
        verbose_name_plural = _("organisaatiot")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~Q(business_id=""),
                name="organization_business_id_unique",
            ),
            models.UniqueConstraint(
                fields=["municipality_code"],
                condition=Q(kind="municipality"),
                name="municipality_code_unique",
            ),
            models.CheckConstraint(
                condition=~Q(kind="municipality") | Q(municipality_code__regex=r"^[0-9]{3}$"),
                name="municipality_has_code",
                violation_error_message=_("Kunnalle on annettava kolminumeroinen kuntanumero."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.business_id:
            self.business_id = ytunnus.format(self.business_id)


Organization.Kind.TE_OFFICE = Organization.Kind.EMPLOYMENT_AUTHORITY  # the name before 2025


class Language(models.TextChoices):
    FI = "fi", _("suomi")
    SV = "sv", _("ruotsi")
    EN = "en", _("englanti")


# Directory entries not updated for this long are flagged in the directory.
ENTRY_STALE_AFTER_MONTHS = 6


def entry_stale_before() -> datetime.datetime:
    return timezone.now() - relativedelta(months=ENTRY_STALE_AFTER_MONTHS)


class SiteQuerySet(models.QuerySet):
    def active(self) -> "SiteQuerySet":
        return self.filter(active=True)

    def administered_by(self, user: User) -> "SiteQuerySet":
        if user.is_superuser:
            return self
        return self.filter(organization__in=Organization.objects.administered_by(user))

    def search(self, text: str) -> "SiteQuerySet":
        """Ranked full-text search over lemmas, with prefix matching."""
        from .search import tsquery

        query_text = tsquery(text)
        if not query_text:
            return self
        vector = SearchVector("search_document", config="simple")
        query = SearchQuery(query_text, search_type="raw", config="simple")
        return (
            self.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "name")
        )

    def with_entry_staleness(self) -> "SiteQuerySet":
        """`entry_stale`: the entry was not updated in ENTRY_STALE_AFTER_MONTHS (or never)."""
        stale = Q(entry_updated_at__isnull=True) | Q(entry_updated_at__lt=entry_stale_before())
        return self.annotate(entry_stale=ExpressionWrapper(stale, output_field=BooleanField()))

    def supervised_by(self, user: User) -> "SiteQuerySet":
        # a constant statement; the user's id is its parameter
        return self.filter(pk__in=RawSQL(SUPERVISED_SITE_IDS_SQL, [user.pk]))  # noqa: S611


# The directory entry's history (who changed what, when): the search text is derived.
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    exclude=["search_document"],
    obj_field=pghistory.ObjForeignKey(on_delete=models.DO_NOTHING, db_constraint=False),
    append_only=True,
)
class Site(models.Model):
    """A provider's work-activity unit (työtoimintayksikkö) and its directory entry.

    The provider keeps the entry: its administrators, and colleagues granted the
    `change_site_entry` object permission (django-guardian) for this site."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("palveluntuottaja"),
        on_delete=models.PROTECT,
        related_name="sites",
    )
    name = models.CharField(_("nimi"), max_length=200)
    description = LimitedTextField(_("kuvaus"), blank=True, max_length=TEXT)
    street_address = models.CharField(_("katuosoite"), max_length=200)
    postal_code = models.CharField(_("postinumero"), max_length=5)
    post_office = models.CharField(_("postitoimipaikka"), max_length=100)
    municipality = models.ForeignKey(
        Organization,
        verbose_name=_("kunta"),
        on_delete=models.PROTECT,
        related_name="sites_in_municipality",
        limit_choices_to={"kind": Organization.Kind.MUNICIPALITY},
    )
    kinds_of_work = ArrayField(
        models.CharField(max_length=100),
        verbose_name=_("työtehtävät"),
        default=list,
        blank=True,
        help_text=_("Pilkulla erotettuna, esim. puutyö, kokoonpano, keittiö."),
    )
    capacity = models.PositiveSmallIntegerField(_("asiakaspaikkoja"))
    languages = ArrayField(
        models.CharField(max_length=2, choices=Language.choices),
        verbose_name=_("toimintakielet"),
        default=list,
        blank=True,
    )
    wheelchair_accessible = models.BooleanField(_("esteetön (pyörätuoli)"), default=False)
    accessibility = LimitedTextField(
        _("saavutettavuus ja esteettömyys"), blank=True, max_length=TEXT
    )
    start_activity = models.BooleanField(_("starttityötoimintaa"), default=False)
    contact_name = models.CharField(_("yhteyshenkilö"), max_length=200, blank=True)
    contact_phone = models.CharField(_("yhteyshenkilön puhelin"), max_length=40, blank=True)
    contact_email = models.EmailField(_("yhteyshenkilön sähköposti"), blank=True)
    active = models.BooleanField(_("toiminnassa"), default=True)
    # lemmas of the searchable text (accounts/search.py); rebuilt by site_reindex()
    search_document = models.TextField(blank=True, editable=False, default="")
    # When and by whom the directory entry was last updated (site_entry_update, the admin)
    entry_updated_at = models.DateTimeField(_("tiedot päivitetty"), null=True, editable=False)
    entry_updated_by = models.ForeignKey(
        User,
        verbose_name=_("tiedot päivittänyt"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("työtoimintayksikkö")
        verbose_name_plural = _("työtoimintayksiköt")
        ordering = ["name"]
        permissions = [("change_site_entry", _("Saa muokata yksikön hakemistotietoja"))]
        indexes = [
            GinIndex(SearchVector("search_document", config="simple"), name="site_search_gin")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="site_capacity_positive",
                violation_error_message=_("Asiakaspaikkoja on oltava vähintään yksi."),
            ),
            models.CheckConstraint(
                condition=Q(postal_code__regex=r"^[0-9]{5}$"),
                name="site_postal_code_format",
                violation_error_message=_("Postinumero on viisi numeroa."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organization})"

    @property
    def entry_is_stale(self) -> bool:
        return self.entry_updated_at is None or self.entry_updated_at < entry_stale_before()

    def clean(self) -> None:
        errors = {}
        if self.organization_id and self.organization.kind != Organization.Kind.PROVIDER:
            errors["organization"] = _("Työtoimintayksikkö kuuluu palveluntuottajalle.")
        if self.municipality_id and self.municipality.kind != Organization.Kind.MUNICIPALITY:
            errors["municipality"] = _("Valitse kunta.")
        if errors:
            raise ValidationError(errors)


class SiteEntryEditor(UserObjectPermissionBase):
    """A colleague's right to edit one site's directory entry (django-guardian, with a
    direct foreign key: deleting the site or the user removes the right)."""

    content_object = models.ForeignKey(Site, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("hakemistotietojen muokkausoikeus")
        verbose_name_plural = _("hakemistotietojen muokkausoikeudet")


# Who granted and who revoked a right: kept with the request's context.
pghistory.track(
    pghistory.InsertEvent("grant"),
    pghistory.DeleteEvent("revoke"),
    obj_field=None,
    append_only=True,
    model_name="SiteEntryEditorEvent",
)(SiteEntryEditor)


# Which kinds of organisation each role belongs to.
ROLE_ORGANIZATION_KINDS = {
    Role.SOCIAL_WORKER: {Organization.Kind.MUNICIPALITY, Organization.Kind.REGION},
    Role.EMPLOYMENT_OFFICER: {
        Organization.Kind.EMPLOYMENT_AUTHORITY,
        Organization.Kind.MUNICIPALITY,
    },
    Role.SUPERVISOR: {Organization.Kind.PROVIDER, Organization.Kind.MUNICIPALITY},
    Role.COORDINATOR: {Organization.Kind.REGION},
    Role.PRIVACY_OFFICER: {Organization.Kind.MUNICIPALITY, Organization.Kind.REGION},
    Role.SOCIAL_WORK_LEAD: {Organization.Kind.MUNICIPALITY},
    Role.TEAM_COORDINATOR: {Organization.Kind.WORKABILITY_TEAM},
    Role.TEAM_DOCTOR: {Organization.Kind.WORKABILITY_TEAM},
}


# Roles that open client data (cases, placed clients, or the logs of who saw whom).
CLIENT_DATA_ROLES = frozenset(
    {Role.SOCIAL_WORKER, Role.EMPLOYMENT_OFFICER, Role.SUPERVISOR, Role.PRIVACY_OFFICER}
    | {Role.TEAM_COORDINATOR, Role.TEAM_DOCTOR}
)


class MembershipQuerySet(models.QuerySet):
    def administered_by(self, user: User) -> "MembershipQuerySet":
        if user.is_superuser:
            return self
        return self.filter(organization__in=Organization.objects.administered_by(user))


# Every change of a membership is kept (who made it comes from the request's context),
# also its removal: the privacy officer's misuse check shows them.
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    obj_field=pghistory.ObjForeignKey(on_delete=models.DO_NOTHING, db_constraint=False),
    append_only=True,
)
class Membership(models.Model):
    """A user's role in an organisation; a supervisor's membership names their sites."""

    user = models.ForeignKey(
        User, verbose_name=_("käyttäjä"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisaatio"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("rooli"), max_length=20, choices=Role.choices)
    sites = models.ManyToManyField(
        Site,
        verbose_name=_("omat työtoimintayksiköt"),
        blank=True,
        related_name="memberships",
        help_text=_("Työtoiminnan ohjaajalle: yksiköt, joiden asiakkaat hän näkee."),
    )
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("jäsenyys")
        verbose_name_plural = _("jäsenyydet")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organization}"

    def opens_client_data(self) -> bool:
        return self.role in CLIENT_DATA_ROLES

    def clean(self) -> None:
        kinds = ROLE_ORGANIZATION_KINDS.get(self.role)
        if kinds and self.organization_id and self.organization.kind not in kinds:
            raise ValidationError(
                {
                    "organization": _("Rooli %(role)s ei sovi organisaatiolle %(org)s.")
                    % {"role": self.get_role_display(), "org": self.organization}
                }
            )


# A supervisor's sites widen what the membership opens: adding or removing one is kept.
pghistory.track(
    pghistory.InsertEvent("site.add"),
    pghistory.DeleteEvent("site.remove"),
    obj_field=None,
    append_only=True,
    model_name="MembershipSiteEvent",
)(Membership.sites.through)


class TokenKind(models.TextChoices):
    PERSONAL = "personal", _("henkilökohtainen")
    INTEGRATION = "integration", _("järjestelmäintegraatio")


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox): only its hash is stored, the token is shown once.

    A personal token ends after API_TOKEN_IDLE_HOURS without use; a system
    integration's after API_INTEGRATION_TOKEN_DAYS whatever its use. Either ends when
    the user's password changes (the stamp no longer matches) or the user is
    deactivated, and its owner or their organisation's administrator can revoke it."""

    kind = models.CharField(
        _("laji"), max_length=12, choices=TokenKind.choices, default=TokenKind.PERSONAL
    )
    # The user's session hash when issued: Django changes it with the password.
    password_stamp = models.CharField(max_length=128, editable=False)

    class Meta:
        verbose_name = _("API-tunniste")
        verbose_name_plural = _("API-tunnisteet")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.token_key}… {self.user}"

    def matches_password_of(self, user: User) -> bool:
        from django.utils.crypto import constant_time_compare

        return constant_time_compare(self.password_stamp, user.get_session_auth_hash())

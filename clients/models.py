"""Client, case (asiakkuus) and who may see them; consents; the access and disclosure logs.

Every queryset of client data starts from `visible_to(user)` (or `workable_by(user)`),
and every page, API call and export reaches it through the gates in `access.py`:
- a client record belongs to one registrar (the organiser); the same person in two
  registrars is two records;
- a social worker sees the cases of their own organiser (municipality or county);
- a substitute (CaseGrant) is a colleague of the same registrar named for a period: the
  grant documents the client relationship, it never widens the scope;
- an employment-authority officer sees a case while a consent to their organisation is
  in force: withdrawal or expiry removes it in the same query, at once;
- supervisors, coordinators and administrators see no client records here
  (supervisors get only the placement notice; coordinators get aggregates).
"""

from __future__ import annotations

import datetime
import uuid

import pghistory
import pgtrigger
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Substr
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, Role, User
from core import law
from core.text import NOTE, RECORD, TEXT, LimitedTextField
from core.triggers import StrictProtect, StrictTrigger

from . import scope
from .validators import identifier_errors, normalize_hetu


def _today():
    return timezone.localdate()


class Language(models.TextChoices):
    FI = "fi", _("suomi")
    SV = "sv", _("ruotsi")
    OTHER = "other", _("muu")


class ConsentQuerySet(models.QuerySet):
    def in_force(self, on=None) -> ConsentQuerySet:
        day = on or _today()
        return self.filter(
            Q(withdrawn_at__isnull=True),
            Q(given_on__lte=day),
            Q(expires_on__isnull=True) | Q(expires_on__gte=day),
        )


class CaseGrantQuerySet(models.QuerySet):
    def in_force(self, on=None) -> CaseGrantQuerySet:
        day = on or _today()
        return self.filter(
            Q(revoked_at__isnull=True),
            Q(starts_on__lte=day),
            Q(ends_on__isnull=True) | Q(ends_on__gte=day),
        )


class CaseQuerySet(models.QuerySet):
    def open(self) -> CaseQuerySet:
        return self.filter(closed_on__isnull=True)

    def overdue(self, today=None) -> CaseQuerySet:
        """Open cases past a deadline: an agreed action not done by its due date, or an
        assessment not finished within three months (Social Welfare Act 36 §)."""
        day = today or _today()
        late_action = AgreedAction.objects.filter(
            meeting__case=OuterRef("pk"), done_on__isnull=True, due_on__lt=day
        )
        assessment_late = Q(
            phase__in=[Phase.NEED_RECOGNISED, Phase.ASSESSMENT],
            opened_on__lt=law.assessment_overdue_opened_before(day),
        )
        return self.open().filter(Q(Exists(late_action)) | assessment_late)

    def workable_by(self, user: User) -> CaseQuerySet:
        """Cases the user works on as a social worker of the organiser (the registrar):
        the work scope, written once in SQL (clients/scope.py)."""
        work = scope.work_q(user) if user.is_authenticated else None
        return self.none() if work is None else self.filter(work)

    def visible_to(self, user: User) -> CaseQuerySet:
        """Cases the user may see: worked on, or the open case shared with their office by
        a consent in force today (clients/scope.py)."""
        if not user.is_authenticated:
            return self.none()
        read = scope.read_q(user, _today())
        return self.none() if read is None else self.filter(read)


class IdentifierKind(models.TextChoices):
    HETU = "hetu", _("henkilötunnus")
    TEMPORARY = "temporary", _("väliaikainen tunniste")
    TEST = "test", _("testitunniste")


class ClientQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> ClientQuerySet:
        return self.filter(Exists(Case.objects.visible_to(user).filter(client=OuterRef("pk"))))


@pgtrigger.register(
    StrictProtect(  # a record never moves to another registrar
        name="client_registrar_is_fixed",
        operation=pgtrigger.Update,
        condition=pgtrigger.Q(old__registrar_id__df=pgtrigger.F("new__registrar_id")),
    )
)
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    append_only=True,
    # history written before registrars were recorded has none
    attrs={
        "registrar": models.ForeignKey(
            Organization,
            verbose_name=_("rekisterinpitäjä"),
            null=True,
            on_delete=models.DO_NOTHING,
            db_constraint=False,
            related_name="+",
            related_query_name="+",
        )
    },
)
class Client(models.Model):
    """The person as a client of one registrar (asiakas). The organiser of the service is
    the registrar of its client records (703/2023): the same person in two registrars is
    two records, and nothing of one is reachable from the other. The henkilötunnus is
    never put in a URL or a log line."""

    registrar = models.ForeignKey(
        Organization,
        verbose_name=_("rekisterinpitäjä"),
        on_delete=models.PROTECT,
        related_name="registered_clients",
    )
    hetu = models.CharField(
        _("henkilötunnus tai väliaikainen tunniste"),
        max_length=11,
        help_text=_("Henkilötunnuksen muodossa; väliaikaisen tunnisteen yksilönumero on 900–999."),
    )
    identifier_kind = models.CharField(
        _("tunnisteen laji"),
        max_length=10,
        choices=IdentifierKind.choices,
        default=IdentifierKind.HETU,
    )
    identifier_reason = models.CharField(
        _("miksi ei henkilötunnusta"),
        max_length=300,
        blank=True,
        help_text=_(
            "Väliaikaiselle tunnisteelle ja testitunnisteelle: miksi asiakkaalla ei ole "
            "suomalaista henkilötunnusta."
        ),
    )
    first_names = models.CharField(_("etunimet"), max_length=100)
    last_name = models.CharField(_("sukunimi"), max_length=100)
    phone = models.CharField(_("puhelin"), max_length=40, blank=True)
    email = models.EmailField(_("sähköposti"), blank=True)
    street_address = models.CharField(_("osoite"), max_length=200, blank=True)
    postal_code = models.CharField(_("postinumero"), max_length=5, blank=True)
    post_office = models.CharField(_("postitoimipaikka"), max_length=100, blank=True)
    home_municipality = models.ForeignKey(
        Organization,
        verbose_name=_("kotikunta"),
        on_delete=models.PROTECT,
        related_name="residents",
        limit_choices_to={"kind": Organization.Kind.MUNICIPALITY},
    )
    language = models.CharField(
        _("asiointikieli"), max_length=5, choices=Language.choices, default=Language.FI
    )
    interpreter_needed = models.BooleanField(_("tarvitsee tulkin"), default=False)
    e_service_consent = models.BooleanField(
        _("suostuu sähköiseen tiedoksiantoon (Suomi.fi-viestit)"),
        default=False,
        help_text=_(
            "Päätökset lähetetään Suomi.fi-viesteihin; muuten kirjeenä postitse "
            "(laki sähköisestä asioinnista viranomaistoiminnassa 13/2003, 19 §)."
        ),
    )
    support_person = models.CharField(
        _("tukihenkilö"), max_length=200, blank=True, help_text=_("Nimi ja yhteystieto.")
    )
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("asiakas")
        verbose_name_plural = _("asiakkaat")
        ordering = ["last_name", "first_names"]
        indexes = [models.Index(fields=["last_name", "first_names"])]
        constraints = [
            # 900–999 are temporary identifiers, never a henkilötunnus; a temporary or a
            # test identifier says why the client has no henkilötunnus.
            models.CheckConstraint(
                condition=(
                    Q(identifier_kind="hetu") & Q(LessThan(Substr("hetu", 8, 3), Value("900")))
                )
                | (
                    Q(identifier_kind__in=["temporary", "test"])
                    & Q(GreaterThanOrEqual(Substr("hetu", 8, 3), Value("900")))
                    & ~Q(identifier_reason="")
                ),
                name="client_identifier_kind_fits",
                violation_error_message=_(
                    "Tunnisteen laji ei sovi tunnisteeseen: yksilönumerot 900–999 ovat "
                    "väliaikaisia tunnisteita."
                ),
            ),
            models.UniqueConstraint(
                fields=["registrar", "hetu"],
                name="one_client_record_per_registrar",
                violation_error_message=_(
                    "Henkilötunnuksella on jo asiakas tämän rekisterinpitäjän rekisterissä."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """The client's name wherever the product shows or prints it: "Sukunimi Etunimet",
        as population and Kela registers have it (issue 27: one order everywhere)."""
        return f"{self.last_name} {self.first_names}"

    @property
    def masked_hetu(self) -> str:
        return f"{self.hetu[:6]}{self.hetu[6]}****"

    def is_hetu(self) -> bool:
        return self.identifier_kind == IdentifierKind.HETU

    def clean(self) -> None:
        if self.hetu:
            self.hetu = normalize_hetu(self.hetu)
            errors = identifier_errors(self.identifier_kind, self.hetu, self.identifier_reason)
            if errors:
                raise ValidationError(errors)


class Phase(models.TextChoices):
    NEED_RECOGNISED = "need_recognised", _("Tarve tunnistettu")
    ASSESSMENT = "assessment", _("Palvelutarpeen arviointi")
    PLANNING = "planning", _("Suunnittelu")
    DECISION = "decision", _("Päätös")
    IN_SERVICE = "in_service", _("Palvelussa")
    FOLLOW_UP = "follow_up", _("Seuranta")
    CLOSED = "closed", _("Päättynyt")


@pgtrigger.register(
    StrictTrigger(
        name="case_organiser_is_client_registrar",
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update,
        func="""
            IF NEW.municipality_id IS DISTINCT FROM
               (SELECT registrar_id FROM clients_client WHERE id = NEW.client_id) THEN
                RAISE EXCEPTION 'case % belongs to another registrar than its client', NEW.id
                    USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        """,
    )
)
@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), append_only=True)
class Case(models.Model):
    """A client's case (asiakkuus): one open at a time, many over the years."""

    client = models.ForeignKey(
        Client, verbose_name=_("asiakas"), on_delete=models.PROTECT, related_name="cases"
    )
    municipality = models.ForeignKey(
        Organization,
        verbose_name=_("järjestävä kunta"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    responsible_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("omatyöntekijä"),
        on_delete=models.PROTECT,
        related_name="responsible_cases",
    )
    phase = models.CharField(
        _("vaihe"), max_length=20, choices=Phase.choices, default=Phase.NEED_RECOGNISED
    )
    opened_on = models.DateField(_("avattu"), default=_today)
    closed_on = models.DateField(_("päättynyt"), null=True, blank=True)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("edellinen jakso"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_period",
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("asiakkuus")
        verbose_name_plural = _("asiakkuudet")
        ordering = ["-opened_on", "-pk"]
        indexes = [  # the case lists: a municipality's open cases, newest first
            models.Index(
                "municipality",
                models.F("opened_on").desc(),
                models.F("id").desc(),
                condition=Q(closed_on__isnull=True),
                name="case_open_by_municipality",
            ),
            # the list of all cases, newest first: the page read off the index, not the
            # whole municipality sorted (issue 30: 35 ms → 2 ms nationally)
            models.Index(
                "municipality",
                models.F("opened_on").desc(),
                models.F("id").desc(),
                name="case_by_municipality_newest",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(closed_on__isnull=True),
                name="one_open_case_per_client",
                violation_error_message=_(
                    "Asiakkaalla on jo avoin asiakkuus: samalla asiakkaalla voi olla "
                    "vain yksi avoin asiakkuus kerrallaan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_after_opened",
                violation_error_message=_("Päättymispäivä ei voi olla ennen avaamispäivää."),
            ),
            models.CheckConstraint(
                condition=Q(phase="closed", closed_on__isnull=False)
                | (~Q(phase="closed") & Q(closed_on__isnull=True)),
                name="case_closed_phase_matches_date",
                violation_error_message=_("Päättyneellä asiakkuudella on päättymispäivä."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client} ({self.opened_on:%d.%m.%Y})"

    def is_open(self) -> bool:
        return self.closed_on is None

    def assessment_deadline(self):
        """Social Welfare Act 36 §: the assessment is due three months after opening."""
        return law.assessment_deadline(self.opened_on)


class PhaseChange(models.Model):
    """Every move of a case between phases: by a record (automatic) or by hand, with why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(_("vaiheesta"), max_length=20, choices=Phase.choices)
    to_phase = models.CharField(_("vaiheeseen"), max_length=20, choices=Phase.choices)
    automatic = models.BooleanField(_("kirjauksen siirtämä"), default=False)
    reason = models.CharField(_("syy"), max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("siirtäjä"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    changed_at = models.DateTimeField(_("aika"), auto_now_add=True)

    class Meta:
        verbose_name = _("vaiheen muutos")
        verbose_name_plural = _("vaiheen muutokset")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_phase_display()} → {self.get_to_phase_display()}"


class ResponsibleWorkerChange(models.Model):
    """Every naming of a case's responsible worker (omatyöntekijä), with date and who."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="worker_changes")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("omatyöntekijä"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_on = models.DateField(_("alkaen"), default=_today)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kirjaaja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("omatyöntekijän vaihdos")
        verbose_name_plural = _("omatyöntekijän vaihdokset")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.worker} {self.changed_on:%d.%m.%Y}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), append_only=True)
class Consent(models.Model):
    """Consent to exchange information with another organisation."""

    client = models.ForeignKey(
        Client, verbose_name=_("asiakas"), on_delete=models.PROTECT, related_name="consents"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisaatio, jonka kanssa tietoja vaihdetaan"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    information = LimitedTextField(_("mitä tietoja"), max_length=TEXT)
    purpose = LimitedTextField(_("käyttötarkoitus"), max_length=TEXT)
    given_on = models.DateField(_("annettu"), default=_today)
    expires_on = models.DateField(_("voimassa asti"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("peruttu"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kirjaaja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("kirjattu"), auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("suostumus")
        verbose_name_plural = _("suostumukset")
        ordering = ["-given_on", "-pk"]
        indexes = [  # the office's side: whose consents to this office are in force
            models.Index(
                fields=["organization", "client"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_in_force_by_org",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("given_on")),
                name="consent_expires_after_given",
                violation_error_message=_("Voimassaolo ei voi päättyä ennen antamispäivää."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.given_on:%d.%m.%Y})"

    def is_in_force(self, on=None) -> bool:
        day = on or _today()
        return (
            self.withdrawn_at is None
            and self.given_on <= day
            and (self.expires_on is None or self.expires_on >= day)
        )


class CaseGrant(models.Model):
    """An exception to the normal scope: a substitute worker sees one case for a period."""

    case = models.ForeignKey(
        Case, verbose_name=_("asiakkuus"), on_delete=models.CASCADE, related_name="grants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sijainen"),
        on_delete=models.CASCADE,
        related_name="case_grants",
    )
    reason = models.CharField(_("syy"), max_length=200)
    starts_on = models.DateField(_("alkaa"), default=_today)
    ends_on = models.DateField(_("päättyy"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("myöntäjä"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("myönnetty"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("peruttu"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("peruuttaja"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = CaseGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("käyttöoikeus asiakkuuteen")
        verbose_name_plural = _("käyttöoikeudet asiakkuuksiin")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="grant_ends_after_start",
                violation_error_message=_("Käyttöoikeus ei voi päättyä ennen alkamistaan."),
            ),
            models.CheckConstraint(  # the setting's ceiling: never an open-ended substitute
                condition=Q(ends_on__lte=models.F("starts_on") + datetime.timedelta(days=366)),
                name="grant_at_most_a_year",
                violation_error_message=_("Käyttöoikeus voi olla voimassa enintään vuoden."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y}"

    def clean(self) -> None:
        """A substitute is a colleague of the same registrar, for a bounded period."""
        errors: dict[str, list[str]] = {}
        if self.case_id and self.user_id:
            registrar = self.case.municipality
            if registrar not in self.user.organizations_as(Role.SOCIAL_WORKER):
                errors["user"] = [
                    _(
                        "Sijaiseksi voi nimetä vain saman järjestäjän (%(registrar)s) "
                        "sosiaalityöntekijän. Muulle organisaatiolle tietoja luovutetaan vain "
                        "asiakkaan suostumuksella tai lain nojalla (laki 703/2023)."
                    )
                    % {"registrar": registrar}
                ]
        if self.starts_on and self._state.adding and self.starts_on < _today():
            errors["starts_on"] = [_("Käyttöoikeus ei voi alkaa menneisyydessä.")]
        if self.starts_on and self.ends_on:
            months = settings.KUTY_GRANT_MAX_MONTHS
            latest = self.starts_on + relativedelta(months=months)
            if self.ends_on > latest:
                errors["ends_on"] = [
                    _(
                        "Sijaisen käyttöoikeus on voimassa enintään %(months)s kuukautta "
                        "kerrallaan, eli viimeistään %(latest)s. Jatka sitä tarvittaessa."
                    )
                    % {"months": months, "latest": latest.strftime("%-d.%-m.%Y")}
                ]
        if errors:
            raise ValidationError(errors)


class AccessAction(models.TextChoices):
    VIEW = "view", _("katselu")
    LIST = "list", _("listaus")
    CREATE = "create", _("lisäys")
    CHANGE = "change", _("muutos")
    EXPORT = "export", _("vienti")
    PDF = "pdf", _("PDF")
    SEARCH = "search", _("haku")


class AccessLog(models.Model):
    """Käyttöloki (703/2023): every use of a client's data. Append-only in the database.

    The application's role may only SELECT and INSERT (core.dbroles), and a trigger
    refuses UPDATE and DELETE even to the owner. The trigger is plain SQL (migration
    clients 0011), not pgtrigger's Protect: pgtrigger's triggers step aside when a
    session sets `pgtrigger.ignore`, which any connection may do."""

    at = models.DateTimeField(_("aika"), default=timezone.now, db_index=True)
    # No single-column indexes on the two keys: the (client, at) and (user, at) indexes
    # below serve every lookup by either, and each index is paid on every logged read
    # (issue 15: 6 indexes per row, two of them redundant).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("käyttäjä"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    client = models.ForeignKey(
        Client,
        verbose_name=_("asiakas"),
        on_delete=models.PROTECT,
        related_name="access_log",
        db_index=False,
    )
    action = models.CharField(_("toimenpide"), max_length=10, choices=AccessAction.choices)
    what = models.CharField(_("kohde"), max_length=200)
    purpose = models.CharField(_("käyttötarkoitus"), max_length=200)
    ip_address = models.GenericIPAddressField(_("osoite"), null=True, blank=True)

    class Meta:
        verbose_name = _("käyttölokimerkintä")
        verbose_name_plural = _("käyttöloki")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["client", "at"]), models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.user} {self.action}"


class DisclosureLog(models.Model):
    """Luovutusloki (703/2023): every disclosure to another organisation. Append-only in
    the database, like AccessLog."""

    at = models.DateTimeField(_("aika"), default=timezone.now, db_index=True)
    client = models.ForeignKey(
        Client, verbose_name=_("asiakas"), on_delete=models.PROTECT, related_name="disclosures"
    )
    recipient = models.ForeignKey(
        Organization,
        verbose_name=_("vastaanottaja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    data = models.CharField(_("luovutetut tiedot"), max_length=300)
    legal_basis = models.CharField(_("peruste"), max_length=300)
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("suostumus"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("luovuttaja"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("luovutuslokimerkintä")
        verbose_name_plural = _("luovutusloki")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(legal_basis="") | Q(consent__isnull=False),
                name="disclosure_has_basis",
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.recipient}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # Never the uploaded name (it may hold a name or a hetu): a random one.
    return f"attachments/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file of a case (result sheet, statement …), served only through a scoped view."""

    case = models.ForeignKey(
        Case, verbose_name=_("asiakkuus"), on_delete=models.PROTECT, related_name="attachments"
    )
    title = models.CharField(_("otsikko"), max_length=200)
    file = models.FileField(_("tiedosto"), upload_to=attachment_path)
    content_type = models.CharField(_("tyyppi"), max_length=100)
    size = models.PositiveIntegerField(_("koko (tavua)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tallentaja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tallennettu"), auto_now_add=True)

    class Meta:
        verbose_name = _("liite")
        verbose_name_plural = _("liitteet")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title


class CaseRecordQuerySet(models.QuerySet):
    def visible_to(self, user: User):
        return self.filter(case__in=Case.objects.visible_to(user))

    def workable_by(self, user: User):
        return self.filter(case__in=Case.objects.workable_by(user))


class ReferralSource(models.TextChoices):
    TE_SERVICES = "te_services", _("TE-palvelut / työllisyyspalvelut")
    ADULT_SOCIAL_WORK = "adult_social_work", _("Aikuissosiaalityö")
    TYP = "typ", _("TYP (työllisyyttä edistävä monialainen yhteispalvelu)")
    MUNICIPAL_PILOT = "municipal_pilot", _("Kuntakokeilu")
    KELA = "kela", _("Kela")
    MUNICIPAL_EMPLOYMENT = "municipal_employment", _("Kunnan työllisyyspalvelut")
    MENTAL_HEALTH = "mental_health", _("Kunnan mielenterveyspalvelut")
    OHJAAMO = "ohjaamo", _("Ohjaamo")
    EDUCATION = "education", _("Oppilaitos")
    SPECIALISED_HEALTH = "specialised_health", _("Erikoissairaanhoito")
    OTHER = "other", _("Muu")


class NeedReason(models.TextChoices):
    LIFE_MANAGEMENT = "life_management", _("Arjen ja elämänhallinnan vahvistaminen")
    CAPACITY_ASSESSMENT = "capacity_assessment", _("Työ- ja toimintakyvyn arviointi")
    CAPACITY_SUPPORT = "capacity_support", _("Toimintakyvyn parantamisen tukeminen")
    WORKING_LIFE_RULES = "working_life_rules", _("Työelämän pelisääntöjen harjoittelu")


class Referral(models.Model):
    """Need recognition and referral (tarpeen tunnistaminen, vireilletulo)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="referral")
    initiated_on = models.DateField(_("vireilletulopäivä"))
    source = models.CharField(_("ohjaava taho"), max_length=30, choices=ReferralSource.choices)
    source_other = models.CharField(_("muu ohjaava taho"), max_length=200, blank=True)
    reasons = ArrayField(
        models.CharField(max_length=30, choices=NeedReason.choices),
        verbose_name=_("tarpeen perusteet"),
    )
    description = LimitedTextField(_("kuvaus"), blank=True, max_length=TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("ohjautuminen")
        verbose_name_plural = _("ohjautumiset")
        constraints = [
            models.CheckConstraint(
                condition=~Q(reasons=[]),
                name="referral_has_reason",
                violation_error_message=_("Valitse vähintään yksi tarpeen peruste."),
            ),
            models.CheckConstraint(
                condition=~Q(source="other") | ~Q(source_other=""),
                name="referral_other_source_named",
                violation_error_message=_("Nimeä muu ohjaava taho."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.initiated_on:%d.%m.%Y}"


class MeetingKind(models.TextChoices):
    NETWORK_MEETING = "network_meeting", _("Verkostopalaveri")
    CONSULTATION = "consultation", _("Konsultaatio")


class NetworkMeeting(models.Model):
    """Network meeting or consultation (verkostopalaveri, konsultaatio)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("tyyppi"), max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField(_("päivämäärä"))
    organizations = models.ManyToManyField(
        Organization, verbose_name=_("osallistuneet organisaatiot"), blank=True, related_name="+"
    )
    participants = LimitedTextField(
        _("osallistujat"), help_text=_("Nimet ja roolit."), max_length=NOTE
    )
    summary = LimitedTextField(_("yhteenveto"), max_length=RECORD)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("verkostopalaveri tai konsultaatio")
        verbose_name_plural = _("verkostopalaverit ja konsultaatiot")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d.%m.%Y}"


class AgreedAction(models.Model):
    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("sovittu toimenpide"), max_length=300)
    responsible_person = models.CharField(_("vastuuhenkilö"), max_length=200)
    due_on = models.DateField(_("määräpäivä"))
    done_on = models.DateField(_("tehty"), null=True, blank=True)

    class Meta:
        verbose_name = _("sovittu toimenpide")
        verbose_name_plural = _("sovitut toimenpiteet")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description

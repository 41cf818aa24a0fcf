import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import UserChoiceField
from accounts.models import Organization, Role, User
from core.forms import FactDatesMixin

from .models import (
    AgreedAction,
    Case,
    CaseGrant,
    Client,
    Consent,
    IdentifierKind,
    NeedReason,
    NetworkMeeting,
    Phase,
    Referral,
)
from .validators import normalize_hetu


class DateInput(forms.DateInput):
    """The browser's date picker; it reads and writes ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 - Django's name
        super().__init__(attrs=attrs, format=format)


class ClientForm(forms.ModelForm):
    class Meta:
        model = Client
        fields = [
            "identifier_kind",
            "hetu",
            "identifier_reason",
            "first_names",
            "last_name",
            "phone",
            "email",
            "street_address",
            "postal_code",
            "post_office",
            "home_municipality",
            "language",
            "interpreter_needed",
            "e_service_consent",
            "support_person",
        ]
        widgets = {"hetu": forms.TextInput(attrs={"autocomplete": "off"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_municipality"].queryset = Organization.objects.municipalities()
        self.fields["identifier_kind"].required = False

    def clean_identifier_kind(self) -> str:
        # A henkilötunnus unless the worker says otherwise.
        return self.cleaned_data["identifier_kind"] or IdentifierKind.HETU

    def clean_hetu(self) -> str:
        return normalize_hetu(self.cleaned_data["hetu"])

    def validate_unique(self) -> None:
        # An existing client is found by henkilötunnus in the service; not an error here.
        pass


class CaseOpenForm(FactDatesMixin, forms.Form):
    fact_dates = ("opened_on",)
    municipality = forms.ModelChoiceField(
        label=_("Järjestävä kunta"), queryset=Organization.objects.none()
    )
    responsible_worker = UserChoiceField(label=_("Omatyöntekijä"), queryset=User.objects.none())
    opened_on = forms.DateField(label=_("Vireille tullut"), widget=DateInput)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = user.organizations_as(Role.SOCIAL_WORKER)
        self.fields["municipality"].queryset = Organization.objects.filter(
            pk__in=[m.pk for m in municipalities]
        )
        self.fields["responsible_worker"].queryset = (
            User.objects.filter(
                memberships__role=Role.SOCIAL_WORKER, memberships__organization__in=municipalities
            )
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.initial.setdefault("responsible_worker", user.pk)
        self.initial.setdefault("opened_on", timezone.localdate())
        if len(municipalities) == 1:
            self.initial.setdefault("municipality", municipalities[0].pk)


class OpenedOnForm(FactDatesMixin, forms.Form):
    fact_dates = ("opened_on",)
    opened_on = forms.DateField(label=_("Vireille tullut"), widget=DateInput)
    reason = forms.CharField(
        label=_("Korjauksen syy"),
        max_length=300,
        help_text=_("Syy näkyy asiakkuuden muutoshistoriassa."),
    )


class CaseFilterForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Vaihe"), required=False, choices=[("", _("Kaikki"))] + Phase.choices
    )
    responsible_worker = UserChoiceField(
        label=_("Omatyöntekijä"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Kaikki"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Kunta"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("Kaikki"),
    )
    overdue = forms.BooleanField(label=_("Vain myöhässä olevat"), required=False)
    status = forms.ChoiceField(
        label=_("Tila"),
        required=False,
        choices=[("open", _("Avoimet")), ("closed", _("Päättyneet")), ("all", _("Kaikki"))],
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = user.organizations_as(Role.SOCIAL_WORKER)
        self.fields["municipality"].queryset = Organization.objects.filter(
            pk__in=[m.pk for m in municipalities]
        )
        self.fields["responsible_worker"].queryset = (
            User.objects.filter(
                memberships__role=Role.SOCIAL_WORKER, memberships__organization__in=municipalities
            )
            .distinct()
            .order_by("last_name", "first_name")
        )


class CaseSearchForm(forms.Form):
    """Sent by POST: a henkilötunnus typed here never appears in a URL or an access log."""

    q = forms.CharField(
        label=_("Hae nimellä tai henkilötunnuksella"), required=False, max_length=100
    )


class ConsentForm(FactDatesMixin, forms.ModelForm):
    fact_dates = ("given_on",)

    class Meta:
        model = Consent
        fields = ["organization", "information", "purpose", "given_on", "expires_on"]
        widgets = {
            "given_on": DateInput,
            "expires_on": DateInput,
            "information": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
        }


class GrantForm(forms.ModelForm):
    class Meta:
        model = CaseGrant
        fields = ["user", "reason", "starts_on", "ends_on"]
        field_classes = {"user": UserChoiceField}
        widgets = {"starts_on": DateInput, "ends_on": DateInput}

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.case = case  # the model's rules (CaseGrant.clean) need the case
        # colleagues of the same registrar only (a substitute never crosses registrars)
        self.fields["user"].queryset = (
            User.objects.filter(
                memberships__role=Role.SOCIAL_WORKER,
                memberships__organization=case.municipality_id,
            )
            .exclude(pk=case.responsible_worker_id)
            .distinct()
            .order_by("last_name")
        )
        self.fields["ends_on"].help_text = _(
            "Enintään %(months)s kuukautta kerrallaan; voit jatkaa sitä."
        ) % {"months": settings.KUTY_GRANT_MAX_MONTHS}
        self.initial.setdefault("starts_on", timezone.localdate())
        self.initial.setdefault("ends_on", timezone.localdate() + datetime.timedelta(days=14))


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Alkaen"), widget=DateInput)
    end = forms.DateField(label=_("Asti"), widget=DateInput)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("Loppupäivä ei voi olla ennen alkupäivää."))
        return data


class MisuseCheckForm(PeriodForm):
    user = UserChoiceField(label=_("Käyttäjä"), queryset=User.objects.none())

    def __init__(self, *args, officer: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(
                memberships__organization__in=officer.organizations_as(Role.PRIVACY_OFFICER)
            )
            .distinct()
            .order_by("last_name")
        )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Otsikko"), max_length=200)
    file = forms.FileField(
        label=_("Tiedosto"),
        help_text=_("PDF, PNG tai JPEG, enintään 10 Mt."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )


class ReferralForm(FactDatesMixin, forms.ModelForm):
    fact_dates = ("initiated_on",)

    reasons = forms.MultipleChoiceField(
        label=_("Tarpeen perusteet"),
        choices=NeedReason.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Referral
        fields = ["initiated_on", "source", "source_other", "reasons", "description"]
        widgets = {"initiated_on": DateInput, "description": forms.Textarea(attrs={"rows": 3})}


class MeetingForm(FactDatesMixin, forms.ModelForm):
    fact_dates = ("held_on",)

    class Meta:
        model = NetworkMeeting
        fields = ["kind", "held_on", "organizations", "participants", "summary"]
        widgets = {
            "held_on": DateInput,
            "organizations": forms.CheckboxSelectMultiple,
            "participants": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }


class AgreedActionForm(forms.ModelForm):
    class Meta:
        model = AgreedAction
        fields = ["description", "responsible_person", "due_on"]
        widgets = {"due_on": DateInput}


def action_formset(data=None):
    formset_class = forms.formset_factory(AgreedActionForm, extra=3, can_delete=False)
    formset = formset_class(data, prefix="actions")
    for form in formset:
        form.empty_permitted = True
    return formset


class WorkerForm(forms.Form):
    worker = UserChoiceField(label=_("Uusi omatyöntekijä"), queryset=User.objects.none())

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = (
            User.objects.filter(
                memberships__role=Role.SOCIAL_WORKER, memberships__organization=case.municipality
            )
            .exclude(pk=case.responsible_worker_id)
            .distinct()
            .order_by("last_name", "first_name")
        )

    def has_choices(self) -> bool:
        """Whether the organiser has another social worker to hand the case to."""
        return self.fields["worker"].queryset.exists()

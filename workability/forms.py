from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, Role, User
from clients.forms import DateInput
from clients.models import Client, Consent

from .models import (
    HealthDocumentRef,
    ParallelService,
    PathContact,
    PathPhase,
    PlanAction,
    SupportPath,
)
from .services import BASELINE

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def parties(path: SupportPath):
    """The organisations that may take part: the registrar and those the client has
    given a consent in force to."""
    consented = Consent.objects.in_force().filter(client_id=path.client_id)
    return Organization.objects.filter(
        Q(pk=path.client.registrar_id) | Q(pk__in=consented.values("organization_id"))
    ).order_by("name")


class PathOpenForm(forms.ModelForm):
    class Meta:
        model = SupportPath
        fields = ["team", "consent", "recognised_by", "recognised_on", "need", "referral_kind"]
        widgets = {"recognised_on": DateInput, "need": TEXTAREA}

    def __init__(self, *args, client: Client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Organization.objects.filter(
            kind=Organization.Kind.WORKABILITY_TEAM
        )
        self.fields["consent"].queryset = (
            Consent.objects.in_force().filter(client=client).select_related("organization")
        )


class PathEditForm(forms.ModelForm):
    class Meta:
        model = SupportPath
        fields = list(BASELINE)
        widgets = {
            "initial_meeting_on": DateInput,
            **{name: TEXTAREA for name in BASELINE if name not in ("phase", "initial_meeting_on")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [
            (value, label) for value, label in PathPhase.choices if value != PathPhase.ENDED
        ]


class ActionForm(forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["description", "owner", "due_on"]
        widgets = {"due_on": DateInput}

    def __init__(self, *args, path: SupportPath, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = parties(path)


class ServiceForm(forms.ModelForm):
    class Meta:
        model = ParallelService
        fields = ["kind", "provider", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}

    def __init__(self, *args, path: SupportPath, **kwargs):
        super().__init__(*args, **kwargs)


class ContactForm(forms.ModelForm):
    class Meta:
        model = PathContact
        fields = ["kind", "held_on", "outcome"]
        widgets = {"held_on": DateInput, "outcome": TEXTAREA}

    def __init__(self, *args, path: SupportPath, **kwargs):
        super().__init__(*args, **kwargs)


class HealthDocumentForm(forms.ModelForm):
    class Meta:
        model = HealthDocumentRef
        fields = ["kind", "dated_on", "made_by", "kept_in"]
        widgets = {"dated_on": DateInput}

    def __init__(self, *args, path: SupportPath, **kwargs):
        super().__init__(*args, **kwargs)


class HandoverForm(forms.Form):
    to_worker = forms.ModelChoiceField(label=_("vastaanottaja"), queryset=User.objects.none())
    reason = forms.CharField(label=_("miksi"), max_length=2000, widget=TEXTAREA)

    def __init__(self, *args, path: SupportPath, **kwargs):
        super().__init__(*args, **kwargs)
        team = Role.TEAM_COORDINATOR, Role.TEAM_DOCTOR
        self.fields["to_worker"].queryset = (
            User.objects.filter(
                Q(
                    memberships__organization=path.client.registrar_id,
                    memberships__role=Role.SOCIAL_WORKER,
                )
                | Q(memberships__organization=path.team_id, memberships__role__in=team)
            )
            .exclude(pk=path.responsible_worker_id)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["to_worker"].label_from_instance = lambda u: u.get_full_name() or u.username


class EndForm(forms.ModelForm):
    class Meta:
        model = SupportPath
        fields = ["ends_on", "continuation", "continuation_plan"]
        widgets = {"ends_on": DateInput, "continuation_plan": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = True
        self.fields["continuation"].required = True


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("päivämäärä"), widget=DateInput)
    organizations = forms.ModelMultipleChoiceField(
        label=_("kutsutut organisaatiot"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vain organisaatiot, joille asiakkaan suostumus on voimassa."),
    )
    participants = forms.CharField(label=_("osallistujat"), max_length=2000, widget=TEXTAREA)
    summary = forms.CharField(label=_("yhteenveto"), max_length=10000, widget=TEXTAREA)
    action = forms.CharField(label=_("sovittu toimenpide"), max_length=300, required=False)
    action_owner = forms.ModelChoiceField(
        label=_("vastuuorganisaatio"), queryset=Organization.objects.none(), required=False
    )
    action_due_on = forms.DateField(label=_("määräpäivä"), widget=DateInput, required=False)

    def __init__(self, *args, path: SupportPath, **kwargs):
        super().__init__(*args, **kwargs)
        # any organisation may be named: one without a consent is refused by name
        self.fields["organizations"].queryset = Organization.objects.exclude(
            kind=Organization.Kind.REGION
        ).order_by("name")
        self.fields["action_owner"].queryset = parties(path)

    def clean(self):
        data = super().clean()
        given = [data.get(n) for n in ("action", "action_owner", "action_due_on")]
        if any(given) and not all(given):
            raise forms.ValidationError(
                _("Anna sovitulle toimenpiteelle kuvaus, vastuuorganisaatio ja määräpäivä.")
            )
        return data

    def actions(self) -> list[dict]:
        data = self.cleaned_data
        if not data.get("action"):
            return []
        return [
            {
                "description": data["action"],
                "owner": data["action_owner"],
                "due_on": data["action_due_on"],
            }
        ]

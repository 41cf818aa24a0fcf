from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.forms import UserChoiceField
from accounts.models import Role, Site, User
from clients.forms import DateInput
from clients.models import Case
from core import law, text

from .models import DRAFTED, Coach, Decision, NotificationMethod, Weekday
from .services import plan_in_force, validate_schedule


def initial_from_plan(case: Case) -> dict:
    """A new decision starts from the signed plan in force: its period, hours and as many
    weekdays (from Monday) as it has days a week; the worker changes what differs."""
    plan = plan_in_force(case)
    if plan is None:
        return {}
    initial = {
        "start_on": plan.start_on,
        "end_on": plan.end_on,
        "hours_per_day": plan.hours_per_day,
    }
    if plan.days_per_week:
        initial["weekdays"] = list(range(1, plan.days_per_week + 1))
    return {name: value for name, value in initial.items() if value is not None}


class DecisionForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Viikonpäivät"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=law.RULE_DAYS_PER_WEEK,
    )

    class Meta:
        model = Decision
        fields = DRAFTED
        field_classes = {"contact_person": UserChoiceField}
        widgets = {
            "start_on": DateInput,
            "end_on": DateInput,
            "reasons": forms.Textarea(attrs={"rows": 5}),
            "schedule_difference_reason": forms.Textarea(attrs={"rows": 2}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"hours_per_day": law.RULE_HOURS_DECISION, "end_on": law.RULE_PERIOD}

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.active().select_related("organization")
        self.fields["contact_person"].queryset = (
            User.objects.filter(
                memberships__role=Role.SOCIAL_WORKER, memberships__organization=case.municipality
            )
            .distinct()
            .order_by("last_name", "first_name")
        )
        for name in self.fields:
            # every change is checked at once against the law (htmx), and again on save
            self.fields[name].widget.attrs.update(
                {
                    "hx-post": "tarkista/",
                    "hx-trigger": "change",
                    "hx-target": "#law-check",
                    "hx-swap": "innerHTML",
                    "hx-include": "closest form",
                    # a newer check cancels an older one still on its way: answers never
                    # arrive out of order
                    "hx-sync": "closest form:replace",
                }
            )

    def clean(self):
        data = super().clean()
        try:
            validate_schedule(
                start_on=data.get("start_on"),
                end_on=data.get("end_on"),
                weekdays=data.get("weekdays") or None,
                hours_per_day=data.get("hours_per_day"),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        return data


class CoachForm(forms.ModelForm):
    class Meta:
        model = Coach
        fields = ["kind", "name", "hours"]


def coach_formset(data=None, initial=None):
    formset = forms.formset_factory(CoachForm, extra=2)(data, prefix="coaches", initial=initial)
    for form in formset:
        form.empty_permitted = True
        form.use_required_attribute = False
    return formset


class NotifyForm(forms.Form):
    method = forms.ChoiceField(label=_("Tiedoksiantotapa"), choices=NotificationMethod.choices)
    sent_on = forms.DateField(label=_("Annettu tai lähetetty"), widget=DateInput)
    electronic_consent = forms.BooleanField(
        label=_("Asiakas on suostunut sähköiseen tiedoksiantoon"), required=False
    )


class NoticeForm(forms.Form):
    goals = forms.CharField(
        label=_("Tavoitteet"), widget=forms.Textarea(attrs={"rows": 3}), max_length=text.TEXT
    )
    contacts = forms.CharField(
        label=_("Yhteyshenkilöt"), widget=forms.Textarea(attrs={"rows": 4}), max_length=text.NOTE
    )
    client_info = forms.CharField(
        label=_("Asiakkaan tiedot, jotka on sovittu tarpeellisiksi"),
        required=False,
        max_length=text.TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Vain asiakkaan kanssa sovittu ja toteutuspaikan tarvitsema. Ei "
            "henkilötunnusta, ei diagnooseja ilman erillistä sopimusta."
        ),
    )


class EndingForm(forms.ModelForm):
    """The decision to end the service before the decided period ends."""

    class Meta:
        model = Decision
        fields = ["end_on", "reasons", "legal_basis", "contact_person", "contact_phone"]
        field_classes = {"contact_person": UserChoiceField}
        labels = {"end_on": _("Viimeinen palvelupäivä")}
        widgets = {
            "end_on": DateInput,
            "reasons": forms.Textarea(attrs={"rows": 5}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_on"].required = True
        self.fields["contact_person"].queryset = (
            User.objects.filter(
                memberships__role=Role.SOCIAL_WORKER, memberships__organization=case.municipality
            )
            .distinct()
            .order_by("last_name", "first_name")
        )

from django import forms
from django.utils.translation import gettext_lazy as _

from clients.forms import DateInput
from core.forms import FactDatesMixin

from .models import (
    AuthorRole,
    CapacityAssessment,
    CapacityDomain,
    Closure,
    Evaluation,
    EvaluationForm,
    Review,
)

SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class EvaluationRecordForm(FactDatesMixin, forms.ModelForm):
    fact_dates = ("evaluated_on",)

    """The region's form in use: the fixed questions, then each item 1–5 with a comment."""

    class Meta:
        model = Evaluation
        fields = ["placement", "kind", "evaluated_on", "author_role", "summary"]
        widgets = {"evaluated_on": DateInput, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, placements, supervisor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = placements
        if supervisor:  # the supervisor writes from one placement's page
            del self.fields["placement"]
        if not self.initial.get("author_role"):
            role = AuthorRole.SUPERVISOR if supervisor else AuthorRole.SOCIAL_WORKER
            self.initial["author_role"] = role
        self.form_in_use = EvaluationForm.objects.filter(active=True).first()
        self.items = list(self.form_in_use.items.all()) if self.form_in_use else []
        for item in self.items:
            self.fields[f"score_{item.pk}"] = forms.TypedChoiceField(
                label=str(item),
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "inline-choices"}),
                help_text=_("1 = heikko, 5 = erinomainen"),
            )
            self.fields[f"comment_{item.pk}"] = forms.CharField(
                label=_("Kommentti: %(item)s") % {"item": item},
                max_length=500,
                required=False,
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {i.pk: (data[f"score_{i.pk}"], data.get(f"comment_{i.pk}", "")) for i in self.items}

    def record(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("kind", "evaluated_on", "author_role", "summary")
        }


class CapacityRecordForm(FactDatesMixin, forms.ModelForm):
    fact_dates = ("assessed_on",)

    sheet = forms.FileField(
        label=_("Tulossivu (valinnainen)"),
        required=False,
        help_text=_("PDF, PNG tai JPEG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    class Meta:
        model = CapacityAssessment
        fields = ["assessed_on", "phase", "helped_by"]
        widgets = {"assessed_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = list(CapacityDomain.objects.filter(active=True))
        for domain in self.domains:
            self.fields[f"domain_{domain.pk}"] = forms.IntegerField(
                label=str(domain),
                min_value=0,
                max_value=10,
                help_text=_("Asiakkaan oma arvio 0–10 (10 = paras)."),
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def scores(self) -> dict[int, int]:
        return {d.pk: self.cleaned_data[f"domain_{d.pk}"] for d in self.domains}


class ReviewForm(FactDatesMixin, forms.ModelForm):
    fact_dates = ("held_on",)

    class Meta:
        model = Review
        fields = ["kind", "held_on", "participants", "agreed", "next_review_on"]
        widgets = {
            "held_on": DateInput,
            "next_review_on": DateInput,
            "agreed": forms.Textarea(attrs={"rows": 4}),
        }


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = [
            "closed_on",
            "reason",
            "reason_other",
            "next_path",
            "continuation_plan",
            "contact_person",
            "contact_details",
            "final_evaluation_done",
            "self_assessment_done",
            "not_done_reason",
            "client_plan_updated",
            "employment_plan_updated",
        ]
        widgets = {"closed_on": DateInput, "continuation_plan": forms.Textarea(attrs={"rows": 4})}

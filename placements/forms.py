from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import UserChoiceField
from accounts.models import Language, Organization


class DirectoryForm(forms.Form):
    q = forms.CharField(
        label=_("Hae palveluja"),
        required=False,
        max_length=200,
        help_text=_("Esim. puutyö, keittiö, Seinäjoki, snickeri"),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "hx-get": "",
                "hx-target": "#results",
                "hx-trigger": "input changed delay:300ms, search",
                "hx-include": "closest form",
                "hx-sync": "this:replace",
            }
        ),
    )
    municipality = forms.ModelChoiceField(
        label=_("Kunta"),
        required=False,
        empty_label=_("Kaikki"),
        queryset=Organization.objects.municipalities(),
    )
    kind_of_work = forms.CharField(label=_("Työtehtävä"), required=False, max_length=100)
    language = forms.ChoiceField(
        label=_("Toimintakieli"), required=False, choices=[("", _("Kaikki")), *Language.choices]
    )
    accessible = forms.BooleanField(label=_("Esteetön (pyörätuoli)"), required=False)
    start_activity = forms.BooleanField(label=_("Starttityötoimintaa"), required=False)
    free_places = forms.BooleanField(label=_("Vapaita paikkoja"), required=False)


class PlacementForm(forms.ModelForm):
    class Meta:
        from placements.models import Placement

        model = Placement
        fields = ["supervisor", "orientation_on", "agreement_on"]
        field_classes = {"supervisor": UserChoiceField}
        widgets = {
            "orientation_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "agreement_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import Role, User

        self.fields["supervisor"].queryset = (
            User.objects.filter(
                memberships__role=Role.SUPERVISOR, memberships__sites=self.instance.site_id
            )
            .distinct()
            .order_by("last_name", "first_name")
        )


class ClosureForm(forms.Form):
    """A day without activity, announced in the site's directory entry."""

    day = forms.DateField(
        label=_("Sulkupäivä"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(
        label=_("Syy"),
        required=False,
        max_length=200,
        help_text=_("Esim. henkilöstön koulutuspäivä. Tyhjänä: yksikkö suljettu."),
    )

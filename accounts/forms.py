from functools import partial

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Käyttäjätunnus"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Salasana"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Queues the reset mail instead of looking the address up while the user waits:
    every address gets the same answer in the same time (no probing which exist)."""

    def save(self, domain_override=None, use_https=False, request=None, **_kwargs) -> None:
        from .tasks import send_password_reset

        transaction.on_commit(
            partial(
                send_password_reset.delay,
                email=self.cleaned_data["email"],
                domain=domain_override or request.get_host(),
                use_https=use_https,
                language=translation.get_language(),
            )
        )


def person_name(user) -> str:
    """How the pages name a user: the full name, the username only when there is none."""
    return user.get_full_name() or user.username


class UserChoiceField(forms.ModelChoiceField):
    """A choice of users named as the tables name them, in name order."""

    def label_from_instance(self, obj) -> str:
        return person_name(obj)


class SiteEntryForm(forms.ModelForm):
    """The directory entry the provider keeps (accounts.services.ENTRY_FIELDS)."""

    kinds_of_work = forms.CharField(
        label=_("Työtehtävät"),
        required=False,
        max_length=2000,
        help_text=_("Pilkulla erotettuna, esim. puutyö, kokoonpano, keittiö."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Toimintakielet"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        from .models import Site
        from .services import ENTRY_FIELDS

        model = Site
        fields = list(ENTRY_FIELDS)
        help_texts = {
            "capacity": _(
                "Vapaat paikat lasketaan tästä: asiakaspaikat miinus tänään käynnissä olevat "
                "työtoimintajaksot."
            ),
        }

    def __init__(self, *args, **kwargs):
        from .models import Language

        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = Language.choices
        if not self.is_bound:
            self.initial["kinds_of_work"] = ", ".join(self.instance.kinds_of_work)

    def clean_kinds_of_work(self) -> list[str]:
        kinds = [kind.strip() for kind in self.cleaned_data["kinds_of_work"].split(",")]
        kinds = list(dict.fromkeys(kind for kind in kinds if kind))
        too_long = [kind for kind in kinds if len(kind) > 100]
        if too_long:
            raise forms.ValidationError(
                _("Työtehtävän nimi on enintään 100 merkkiä: %(kind)s") % {"kind": too_long[0]}
            )
        return kinds


class SiteRightForm(forms.Form):
    """A provider's administrator grants a colleague the right to edit a site's entry."""

    user = UserChoiceField(label=_("Työntekijä"), queryset=None, empty_label=_("Valitse"))

    def __init__(self, *args, grantable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = grantable

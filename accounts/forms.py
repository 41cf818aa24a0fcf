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

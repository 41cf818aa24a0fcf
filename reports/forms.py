"""The report's filters: parsed and checked before any figure is computed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models import Language

from . import disclosure
from .scope import Scope

MAX_PERIOD_YEARS = 5

# The age groups of the national statistics (age on the period's last day).
AGE_GROUPS = [
    ("under_25", _("alle 25"), None, 24),
    ("25_34", _("25–34"), 25, 34),
    ("35_44", _("35–44"), 35, 44),
    ("45_54", _("45–54"), 45, 54),
    ("55_64", _("55–64"), 55, 64),
    ("65_plus", _("65 tai yli"), 65, None),
]
SEXES = [("female", _("nainen")), ("male", _("mies"))]


@dataclass(frozen=True)
class Filters:
    start: datetime.date
    end: datetime.date
    municipality: int | None = None
    provider: int | None = None
    site: int | None = None
    age_group: str = ""
    sex: str = ""
    language: str = ""

    @property
    def status_day(self) -> datetime.date:
        """The day the "on a day" figures are about: the period's end, at most today."""
        return min(self.end, timezone.localdate())


def default_period() -> tuple[datetime.date, datetime.date]:
    """The current calendar year (a period of the grid: reports/disclosure.py)."""
    today = timezone.localdate()
    return today.replace(month=1, day=1), today.replace(month=12, day=31)


class _Given:
    """The cleaned filters as attributes (what `disclosure.active_filters` reads)."""

    def __init__(self, data: dict) -> None:
        self.data = data

    def __getattr__(self, name: str):
        return self.data.get(name)


class OutOfScopeChoice(forms.ModelChoiceField):
    def __init__(self, *args, out_of_scope: str, **kwargs) -> None:
        super().__init__(*args, required=False, **kwargs)
        self.error_messages["invalid_choice"] = out_of_scope


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportFilterForm(forms.Form):
    start = forms.DateField(label=_("Kausi alkaen"), widget=DATE)
    end = forms.DateField(label=_("Kausi päättyen"), widget=DATE)
    municipality = OutOfScopeChoice(
        queryset=None,
        label=_("Kunta"),
        empty_label=_("Kaikki kunnat"),
        out_of_scope=_("Kunta: valitse kunta, jonka luvut kuuluvat sinulle (oma alue)."),
    )
    provider = OutOfScopeChoice(
        queryset=None,
        label=_("Palveluntuottaja"),
        empty_label=_("Kaikki palveluntuottajat"),
        out_of_scope=_(
            "Palveluntuottaja: valitse palveluntuottaja, jonka luvut kuuluvat sinulle (oma alue)."
        ),
    )
    site = OutOfScopeChoice(
        queryset=None,
        label=_("Työtoimintayksikkö"),
        empty_label=_("Kaikki yksiköt"),
        out_of_scope=_(
            "Työtoimintayksikkö: valitse yksikkö, jonka luvut kuuluvat sinulle (oma alue)."
        ),
    )
    age_group = forms.ChoiceField(
        label=_("Ikäryhmä"),
        required=False,
        choices=[("", _("Kaikki ikäryhmät")), *[(k, label) for k, label, _a, _b in AGE_GROUPS]],
    )
    sex = forms.ChoiceField(
        label=_("Sukupuoli"), required=False, choices=[("", _("Kaikki")), *SEXES]
    )
    language = forms.ChoiceField(
        label=_("Asiointikieli"),
        required=False,
        choices=[("", _("Kaikki kielet")), *Language.choices],
    )

    def __init__(self, *args, scope: Scope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = scope.municipality_choices().order_by("name")
        self.fields["provider"].queryset = scope.provider_choices().order_by("name")
        self.fields["site"].queryset = scope.site_choices().order_by("name")
        for name in ("municipality", "provider", "site"):
            # a stale or foreign id is a message, not a 500
            self.fields[name].error_messages["invalid_pk_value"] = self.fields[name].error_messages[
                "invalid_choice"
            ]

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("Kausi päättyen: loppupäivä ei voi olla ennen alkupäivää."))
            elif end >= start + relativedelta(years=MAX_PERIOD_YEARS):
                self.add_error(
                    "end",
                    _("Kausi päättyen: raportin kausi voi olla enintään %(years)s vuotta.")
                    % {"years": MAX_PERIOD_YEARS},
                )
            elif disclosure.period_kind(start, end) is None:
                self.add_error(
                    "end",
                    _(
                        "Kausi päättyen: valitse kokonainen kuukausi, vuosineljännes, "
                        "puolivuotis tai kalenterivuosi (esimerkiksi 1.1.–31.3.). Muuten "
                        "kahden kauden erotuksesta voisi päätellä pieniä lukuja."
                    ),
                )
        if len(disclosure.active_filters(_Given(data))) > 1:
            self.add_error(
                None,
                _(
                    "Rajaukset: valitse enintään yksi rajaus kerrallaan (kunta, "
                    "palveluntuottaja, yksikkö, ikäryhmä, sukupuoli tai asiointikieli). "
                    "Muuten kahden rajauksen erotuksesta voisi päätellä pieniä lukuja."
                ),
            )
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            start=data["start"],
            end=data["end"],
            municipality=data["municipality"].pk if data.get("municipality") else None,
            provider=data["provider"].pk if data.get("provider") else None,
            site=data["site"].pk if data.get("site") else None,
            age_group=data.get("age_group") or "",
            sex=data.get("sex") or "",
            language=data.get("language") or "",
        )


def bind(params, scope: Scope) -> ReportFilterForm:
    """The form bound to the query string, with the default period where none is given."""
    data = params.copy()
    start, end = default_period()
    data.setdefault("start", start.isoformat())
    data.setdefault("end", end.isoformat())
    return ReportFilterForm(data, scope=scope)

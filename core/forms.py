"""What every app's forms share."""

from django.utils import timezone
from django.utils.translation import gettext as _


class FactDatesMixin:
    """The days on which something happened (a case opened, an assessment completed, a
    meeting held) are not in the future: a future day would stop every later record."""

    fact_dates: tuple[str, ...] = ()

    def clean(self) -> dict:
        data = super().clean()
        today = timezone.localdate()
        for name in self.fact_dates:
            day = data.get(name)
            if day and day > today:
                self.add_error(name, future_fact_message(self.fields[name].label, today))
        return data


def future_fact_message(label, today) -> str:
    return _(
        "%(field)s ei voi olla tulevaisuudessa: kirjaa päivä, jona se tapahtui "
        "(viimeistään tänään %(today)s)."
    ) % {"field": label, "today": today.strftime("%-d.%-m.%Y")}

"""Public holiday names follow the user's language, not the process locale
(issue 10, item 8)."""

import datetime

import pytest
from django.utils import translation

from core.law import public_holidays

CHRISTMAS = datetime.date(2026, 12, 25)


@pytest.mark.parametrize(
    ("language", "name"), [("fi", "Joulupäivä"), ("sv", "Juldagen"), ("en", "Christmas Day")]
)
def test_holiday_names_follow_the_language(language, name, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    with translation.override(language):
        assert public_holidays(CHRISTMAS, CHRISTMAS) == {CHRISTMAS: name}


def test_without_an_active_language_the_names_are_finnish(monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    with translation.override(None):
        assert public_holidays(CHRISTMAS, CHRISTMAS) == {CHRISTMAS: "Joulupäivä"}

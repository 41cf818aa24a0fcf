"""includes/field.html: help and errors are named by the ids Django's aria-describedby
points at, and a group of radios or checkboxes is a fieldset named by its legend."""

import re

from django import forms
from django.template.loader import render_to_string


class Form(forms.Form):
    hours = forms.IntegerField(label="Tunnit", help_text="0–12")
    days = forms.MultipleChoiceField(
        label="Päivät",
        help_text="1–4 päivää",
        choices=[("1", "ma"), ("2", "ti")],
        widget=forms.CheckboxSelectMultiple,
    )


def rendered(name: str) -> str:
    form = Form(data={})
    return render_to_string("includes/field.html", {"field": form[name]})


def described_and_present(html: str) -> tuple[list[str], list[str]]:
    named = " ".join(re.findall(r'aria-describedby="([^"]*)"', html)).split()
    return named, [i for i in named if f'id="{i}"' not in html]


def test_an_inputs_help_and_error_are_the_elements_it_names():
    named, missing = described_and_present(rendered("hours"))
    assert named == ["id_hours_helptext", "id_hours_error"] and missing == []


def test_a_checkbox_group_is_a_fieldset_described_by_its_help_and_error():
    html = rendered("days")
    assert re.search(r'<fieldset class="field field-group[^"]*"[^>]*>\s*<legend>Päivät', html)
    assert "<label for" not in html.split("<legend>")[0]
    named, missing = described_and_present(html)
    assert named == ["id_days_helptext", "id_days_error"] and missing == []

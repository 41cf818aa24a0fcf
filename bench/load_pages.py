"""What the load test's users read from kuty's pages (no locust here, so tests can
import it): links to follow and the attendance week's form as a browser submits it."""

from __future__ import annotations

import re
from html.parser import HTMLParser


def ids(pattern: str, html: str) -> list[int]:
    return sorted({int(found) for found in re.findall(pattern, html)})


class FormFields(HTMLParser):
    """The fields of the first POST form that has a field named `marker`, as a browser
    would submit them untouched."""

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker
        self.forms: list[dict[str, str]] = []
        self._form: dict[str, str] | None = None
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attr = {key: value or "" for key, value in attrs}
        if tag == "form" and attr.get("method", "").lower() == "post":
            self._form = {}
        elif self._form is None:
            return
        elif tag == "input" and attr.get("name") and attr.get("type") != "submit":
            if attr.get("type", "").lower() not in ("radio", "checkbox"):
                self._form[attr["name"]] = attr.get("value", "")
            elif "checked" in attr:  # a browser sends only the chosen one
                self._form[attr["name"]] = attr.get("value", "on")
        elif tag == "textarea" and attr.get("name"):
            self._textarea = attr["name"]
            self._form[self._textarea] = ""
        elif tag == "select":
            self._select, self._first_option = attr.get("name"), None
            self._form[self._select] = ""
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attr.get("value", "")
                self._form[self._select] = self._first_option
            if "selected" in attr:
                self._form[self._select] = attr.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None

    def fields(self, html: str) -> dict[str, str] | None:
        self.feed(html)
        return next((form for form in self.forms if self.marker in form), None)


def week_save_fields(html: str, today: str) -> dict[str, str] | None:
    """The week form as the supervisor submits it after marking today's unrecorded
    scheduled days present (`today` as YYYYMMDD); None when the page has no week form."""
    fields = FormFields("viikko").fields(html)
    if fields is None:
        return None
    for name, value in list(fields.items()):
        if name.endswith(f"-{today}-status") and not value:
            fields[name] = "present"
    return fields

"""Cells for CSV and XLSX exports that a spreadsheet cannot run as formulas.

A text beginning with =, +, -, @, a tab or a carriage return is read by Excel and
LibreOffice as a formula (OWASP "CSV Injection"): an organisation, site or client name
such as `=HYPERLINK(…)` would reach a coordinator's Excel as a live link. Such a text
gets a leading apostrophe, which the spreadsheet shows as text. Numbers, dates and
empty cells pass as they are. Every CSV and XLSX export writes its cells through
`safe_row` (issue 28)."""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]

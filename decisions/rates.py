"""Allowance amounts known at install (DOMAIN.md); later changes are added as data."""

import datetime
from decimal import Decimal

RATES = [
    ("kulukorvaus", Decimal("9.00"), datetime.date(2013, 1, 1)),
    ("toimintaraha", Decimal("9.00"), datetime.date(2013, 1, 1)),
]


def ensure_allowance_rates(rate_model) -> None:
    for kind, amount, valid_from in RATES:
        rate_model.objects.get_or_create(
            kind=kind, valid_from=valid_from, defaults={"amount": amount}
        )

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus


def validate_business_id(value: str) -> None:
    """Y-tunnus (Finnish business ID) with its check digit, e.g. 0201256-6."""
    try:
        ytunnus.validate(value)
    except StdnumError as error:
        raise ValidationError(
            _("Y-tunnus %(value)s ei ole kelvollinen (muoto 1234567-8, tarkiste oikein).")
            % {"value": value},
            code="invalid_business_id",
        ) from error


def validate_municipality_code(value: str) -> None:
    if not (len(value) == 3 and value.isdigit()):
        raise ValidationError(
            _("Kuntanumero on kolme numeroa (esim. 743 Seinäjoki)."),
            code="invalid_municipality_code",
        )

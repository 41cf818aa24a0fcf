from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import hetu


def normalize_hetu(value: str) -> str:
    return hetu.compact(value)


def validate_hetu(value: str) -> None:
    """Henkilötunnus with a valid date, individual number and check character.

    Temporary numbers (individual number 900–999) are accepted: they are the test IDs
    of demo and training data, and some organisations give them before DVV does.
    The message never repeats the value: it must not end up in logs or error pages."""
    try:
        hetu.validate(value, allow_temporary=True)
    except StdnumError as error:
        raise ValidationError(
            _(
                "Henkilötunnus ei ole kelvollinen: tarkista syntymäaika, välimerkki "
                "(-, +, A–F tai U–Y), yksilönumero ja tarkistusmerkki."
            ),
            code="invalid_hetu",
        ) from error

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import hetu

# Individual numbers 900–999 are temporary identifiers (and the test identities of demo
# and training data), never a person's identity (DVV).
TEMPORARY_FROM = 900


def normalize_hetu(value: str) -> str:
    return hetu.compact(value)


def individual_number(value: str) -> int:
    return int(hetu.compact(value)[7:10])


def _format_error(*, temporary: bool = False) -> ValidationError:
    if temporary:
        message = _(
            "Väliaikainen tunniste ei ole kelvollinen: tarkista syntymäaika, välimerkki "
            "(-, +, A–F tai U–Y), yksilönumero ja tarkistusmerkki."
        )
    else:
        message = _(
            "Henkilötunnus ei ole kelvollinen: tarkista syntymäaika, välimerkki "
            "(-, +, A–F tai U–Y), yksilönumero ja tarkistusmerkki."
        )
    return ValidationError(message, code="invalid_hetu")


def validate_hetu(value: str) -> None:
    """A person's henkilötunnus: a valid date, an individual number 002–899 and the check
    character. The message never repeats the value: it must not end up in logs or error
    pages."""
    try:
        hetu.validate(value, allow_temporary=True)
    except StdnumError as error:
        raise _format_error() from error
    if individual_number(value) >= TEMPORARY_FROM:
        raise ValidationError(
            _(
                "Yksilönumerot 900–999 ovat väliaikaisia tunnisteita, eivät henkilötunnuksia. "
                "Jos asiakkaalla ei ole suomalaista henkilötunnusta, valitse tunnisteen "
                "lajiksi väliaikainen tunniste ja kirjaa syy."
            ),
            code="temporary_not_hetu",
        )


def validate_temporary_identifier(value: str) -> None:
    """A temporary identifier in the henkilötunnus' form, individual number 900–999."""
    try:
        hetu.validate(value, allow_temporary=True)
    except StdnumError as error:
        raise _format_error(temporary=True) from error
    if individual_number(value) < TEMPORARY_FROM:
        raise ValidationError(
            _(
                "Väliaikaisen tunnisteen yksilönumero on 900–999. Jos tämä on asiakkaan "
                "henkilötunnus, valitse tunnisteen lajiksi henkilötunnus."
            ),
            code="hetu_not_temporary",
        )


def identifier_errors(kind: str, value: str, reason: str) -> dict[str, str]:
    """What is wrong with a client's identifier of this kind, per field (for the model,
    the forms and the API alike)."""
    errors: dict[str, str] = {}
    try:
        if kind == "hetu":
            validate_hetu(value)
        else:
            validate_temporary_identifier(value)
    except ValidationError as error:
        errors["hetu"] = error.messages[0]
    if kind != "hetu" and not (reason or "").strip():
        errors["identifier_reason"] = _(
            "Kirjaa, miksi asiakkaalla ei ole suomalaista henkilötunnusta."
        )
    return errors

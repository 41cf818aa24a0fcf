"""What every app's API shares."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError


def api_validation_error(error: DjangoValidationError) -> ValidationError:
    """A service's refusal as a 400 with the same Finnish messages, per field."""
    if hasattr(error, "error_dict"):
        return ValidationError(error.message_dict)
    return ValidationError({"detail": error.messages})

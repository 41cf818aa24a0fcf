"""The API's JSON parser: odd bodies are a 400 in the user's language, never a 500.

Kept apart from core.api, which imports DRF's views: DRF imports the parser classes of
its settings while its views module loads."""

import json

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers


def too_deep() -> str:
    return _("Pyynnön JSON-rakenne on liian syvä: sisäkkäisiä tasoja saa olla enintään satoja.")


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a 400 instead of a 500 for two bodies Python's json module
    takes badly (issue 28): one nested thousands of levels deep (RecursionError), and a
    string holding a lone surrogate ("\\ud800"), which no answer echoing it could encode
    as UTF-8."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError(too_deep()) from error
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as error:
            raise exceptions.ParseError(
                _(
                    "Pyynnössä on merkki, joka ei ole kelvollista UTF-8-tekstiä "
                    "(yksinäinen surrogaatti)."
                )
            ) from error
        except RecursionError as error:  # deep but under the parser's limit
            raise exceptions.ParseError(too_deep()) from error
        return data

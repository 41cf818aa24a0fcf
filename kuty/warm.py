"""What a web worker loads before its first request (kuty/wsgi.py, KUTY_WARM_AT_START).

Django loads much on first use: the URL configuration, each template (parsed once by the
cached loader), the form renderer's own template engine and its widget templates, the
context processors, the message storage, each language's catalogue and date formats, the
holiday calendar.
Issue 15 measured a fresh worker's first directory search at 2.1× the next ones with only
the URLs, the base template, the catalogues and the lemmatiser warm: the rest of the list
above was what was still cold. No database connection here: with gunicorn --preload this
runs once in the master, and a forked worker must not share the master's connection.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings


def _template_names(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*.html"))


def warm() -> None:
    import django.forms
    from django.forms.renderers import get_default_renderer
    from django.template import engines
    from django.urls import reverse
    from django.utils import formats, translation
    from django.utils.module_loading import import_string
    from django.utils.translation import trans_real

    from accounts.search import warm as warm_search
    from core import law

    reverse("home")
    engine = engines["django"].engine
    engine.template_context_processors  # noqa: B018 - imports the context processors
    for folder in engine.dirs:
        for name in _template_names(Path(folder)):
            engine.get_template(name)
    renderer = get_default_renderer()
    forms_templates = Path(django.forms.__file__).parent / "templates"
    for name in _template_names(forms_templates):
        renderer.get_template(name)
    import_string(settings.MESSAGE_STORAGE)
    today = datetime.date.today()
    next_year = today.replace(year=today.year + 1, day=min(today.day, 28))
    for language, _name in settings.LANGUAGES:
        trans_real.translation(language)
        with translation.override(language):
            formats.get_format("DATE_INPUT_FORMATS")
            formats.date_format(today)
            # the holiday calendar: ~0.3 s to import and build the first time (the week
            # page, the week save, the case page's counts, the deadlines)
            law.public_holidays(today, next_year)
    law.holiday_dates(today, next_year)
    warm_search()

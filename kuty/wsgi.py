import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuty.settings")
application = get_wsgi_application()

if settings.KUTY_WARM_AT_START:
    # Before this worker takes its first request (with gunicorn --preload, once in the
    # master, shared by the forked workers): the URL configuration, which imports every
    # view module and compiles the patterns; the base template and its tag libraries; the
    # three languages' catalogues; the directory search's lemmatiser. No database
    # connection here: a forked worker must not share the master's.
    from django.template.loader import get_template
    from django.urls import reverse
    from django.utils.translation import trans_real

    from accounts.search import warm

    reverse("home")
    get_template("base.html")
    for language, _name in settings.LANGUAGES:
        trans_real.translation(language)
    warm()

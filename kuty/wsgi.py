import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuty.settings")
application = get_wsgi_application()

if settings.KUTY_WARM_AT_START:
    # before this worker takes its first request (with gunicorn --preload, once in the
    # master, shared by the forked workers): kuty/warm.py says what and why
    from kuty.warm import warm

    warm()

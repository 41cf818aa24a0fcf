"""A web worker parses its templates, the form widgets' templates and the context
processors at start, not on its first request (issue 15)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import kuty.wsgi
from django.forms.renderers import get_default_renderer
from django.template import engines
engine = engines["django"].engine
loader = engine.template_loaders[0]
cached = set(loader.get_template_cache)
widgets = set(get_default_renderer().engine.engine.template_loaders[0].get_template_cache)
print("placements/directory.html" in cached, "placements/attendance_week.html" in cached,
      "django/forms/widgets/select.html" in widgets,
      "template_context_processors" in engine.__dict__)
"""


def warmed(warm: str, check: str = CHECK) -> str:
    """What `check` prints in a fresh Python that imports the WSGI module as a worker
    does, with KUTY_WARM_AT_START=`warm`."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kuty.settings", "KUTY_WARM_AT_START": warm}
    done = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_wsgi_worker_parses_templates_and_widgets_at_start():
    assert warmed("true") == "True True True True"


def test_nothing_is_parsed_when_warming_is_off():
    assert warmed("false") == "False False False False"


HOLIDAYS = """
import sys
import kuty.wsgi
from core import law
print("holidays" in sys.modules, law._holiday_dates_of_years.cache_info().currsize > 0)
"""


def test_the_holiday_calendar_is_built_at_start():
    assert warmed("true", HOLIDAYS) == "True True"

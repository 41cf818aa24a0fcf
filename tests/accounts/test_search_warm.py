"""A web worker loads the directory's lemmatiser at start, not on the first search."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY
before = DEFAULT_DICTIONARY_FACTORY._get_dictionary.cache_info().currsize
import kuty.wsgi
after = DEFAULT_DICTIONARY_FACTORY._get_dictionary.cache_info().currsize
print(before, after)
"""


def _loaded(warm: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kuty.settings", "KUTY_WARM_AT_START": warm}
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_wsgi_worker_loads_finnish_and_swedish_dictionaries_at_start():
    assert _loaded("true") == "0 2"


def test_warming_can_be_turned_off():
    assert _loaded("false") == "0 0"

"""A web worker loads the directory's lemmatiser at start, not on the first search."""

from tests.kuty.test_warm import warmed

CHECK = """
from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY
before = DEFAULT_DICTIONARY_FACTORY._get_dictionary.cache_info().currsize
import kuty.wsgi
after = DEFAULT_DICTIONARY_FACTORY._get_dictionary.cache_info().currsize
print(before, after)
"""


def test_the_wsgi_worker_loads_finnish_and_swedish_dictionaries_at_start():
    assert warmed("true", CHECK) == "0 2"


def test_warming_can_be_turned_off():
    assert warmed("false", CHECK) == "0 0"

"""The service directory's search: Finnish and Swedish words to their lemmas.

PostgreSQL's snowball `finnish` stemmer misses consonant gradation ("puutöitä" → "puutö",
"puutyö" → "puutyö"), so words are lemmatised with simplemma at index time and at query
time, and the lemmas go into core full-text search with the `simple` configuration.
"""

import re
from functools import lru_cache

import simplemma

WORD = re.compile(r"\w+", re.UNICODE)
LANGUAGES = ("fi", "sv")


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    # simplemma loads its dictionaries once per process (a few seconds), then is fast.
    return simplemma.lemmatize(word, lang=LANGUAGES).lower()


def warm() -> None:
    """Load simplemma's Finnish and Swedish dictionaries now: 3–20 s on first use here, so
    a web or Celery worker does it at start (kuty.wsgi, kuty.celery), not a user's first
    search (issue 15)."""
    for language in LANGUAGES:
        simplemma.lemmatize("työ", lang=language)


def words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text or "")]


def document(*texts: str) -> str:
    """Lemmas and the words themselves, for the index."""
    found = []
    for word in words(" ".join(texts)):
        found += [word, lemma(word)]
    return " ".join(dict.fromkeys(found))


def tsquery(text: str) -> str:
    """A raw tsquery: every word must match, as its lemma or as a prefix (as one types)."""
    terms = []
    for word in words(text)[:10]:
        options = dict.fromkeys([lemma(word), word])
        terms.append("(" + " | ".join(f"'{option}':*" for option in options) + ")")
    return " & ".join(terms)

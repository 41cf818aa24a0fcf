"""The bench's own parts (issue 30): its query counts do not depend on how long it took
to get to a row, and its minimal view answers through the product's middleware."""

import datetime

from django.contrib.sessions.models import Session
from django.db.models import F
from django.test import override_settings

from bench.pages import _warm


def test_the_benchs_query_count_does_not_depend_on_the_time_since_login(client, world):
    """The idle session is renewed at most once a minute (3 queries more): a row counted
    a minute after the login counted those too, one counted at once did not."""
    client.force_login(world.alice)

    def page():
        assert client.get("/asiakkuudet/").status_code == 200

    fresh = _warm(page)
    # a minute and more since the session row was last saved
    Session.objects.update(expire_date=F("expire_date") - datetime.timedelta(minutes=2))
    assert _warm(page) == fresh


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_minimal_view_answers_and_the_products_pages_still_do(client, world):
    from bench.urls import FLOOR_URL

    client.force_login(world.alice)
    response = client.get(FLOOR_URL)
    assert response.status_code == 200 and response.content == b"ok"
    assert client.get("/asiakkuudet/").status_code == 200

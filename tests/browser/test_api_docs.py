"""The Swagger UI page renders with no Content-Security-Policy error in the console."""

import pytest

from tests.browser.test_case_privacy import demo, logged_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_without_csp_errors(browser, live_server, demo):  # noqa: F811
    page = logged_in(browser, live_server, "paakayttaja")
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info")
    page.wait_for_timeout(500)
    assert [m for m in messages if "Content Security Policy" in m] == []

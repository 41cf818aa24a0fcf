"""The API docs page's one inline style is allowed by a nonce, on that page only."""

import re


def test_api_docs_style_carries_the_nonce_of_the_policy(client, world):
    client.force_login(world.paula)
    response = client.get("/api/docs/")
    nonce = re.search(r'<style nonce="([^"]+)"', response.content.decode()).group(1)
    style_src = re.search(r"style-src ([^;]*)", response["Content-Security-Policy"]).group(1)
    assert f"'nonce-{nonce}'" in style_src.split()


def test_other_pages_allow_no_inline_style(client, world):
    client.force_login(world.paula)
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "nonce-" not in policy and "unsafe-inline" not in policy

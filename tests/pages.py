"""Read a page as a tree, the way a user (and a screen reader) meets it."""

import lxml.html


def tree(response):
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    return " ".join(element.text_content().split())


def texts(page, xpath: str) -> list[str]:
    return [text(element) for element in page.xpath(xpath)]

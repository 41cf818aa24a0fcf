"""A matter of a case changed: later apps listen (followup closes the reminders of a
matter resolved), earlier apps call, so imports still run one way.

An explicit list of listeners; never a signal carrying business logic across apps
(DESIGN.md). Two kinds:
- `on_matter_changed`: called at once, inside the caller's transaction (what the user
  must see done when the page answers);
- `on_matter_changed_later`: called after the commit by the Celery worker, all of them
  through one task, so a write publishes one message whatever the number of listeners
  (issue 15: each publish cost the week save ~0.5 ms). With the broker unreachable, the
  listeners registered with `in_request=True` run in the request instead, after its
  commit; the others wait for their nightly repair. The saved data stands either way."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

import redis.exceptions
from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError

Listener = Callable[[list[int], str], None]
_listeners: list[Listener] = []
_later: list[Listener] = []
_in_request: list[Listener] = []  # the later ones to run in the request if unpublished
log = logging.getLogger(__name__)
# what publishing raises when the broker cannot be reached (kombu wraps most of it)
_UNREACHABLE = (OperationalError, redis.exceptions.ConnectionError, OSError)

# What changed, so a listener re-checks only the rules that read it.
PLAN = "plan"
DECISION = "decision"
ATTENDANCE = "attendance"
ABSENCE_NOTICE = "absence_notice"
CONSENT = "consent"
GRANT = "grant"
CASE = "case"
REVIEW = "review"
# a case opened or moved between phases (no reminder rule reads it; the regional
# report's rollups do)
PHASE = "phase"


def on_matter_changed(listener: Listener) -> Listener:
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def on_matter_changed_later(listener: Listener, *, in_request: bool) -> Listener:
    """`in_request`: run it in the request, after the commit, when the message cannot be
    published (the broker is down); otherwise it waits for its own nightly repair."""
    if listener not in _later:
        _later.append(listener)
        if in_request:
            _in_request.append(listener)
    return listener


def matter_changed(case_ids: Iterable[int], topic: str) -> None:
    ids = sorted({int(pk) for pk in case_ids if pk is not None})
    if not ids:
        return
    for listener in _listeners:
        listener(ids, topic)
    if _later:
        transaction.on_commit(lambda: _publish(ids, topic))


def _publish(ids: list[int], topic: str) -> None:
    try:
        # argsrepr: the worker's log names the size, not every id (and celery's saferepr of
        # a long list was a third of the publish)
        matter_changed_later.apply_async(
            (ids, topic), argsrepr=f"({len(ids)} cases, {topic!r})", kwargsrepr="{}"
        )
    except _UNREACHABLE:
        log.warning("after-commit work of %s not queued; doing it here", topic, exc_info=True)
        try:
            run_later(ids, topic, listeners=_in_request)
        except Exception:  # logged by run_later; the daily sweep and nightly rebuild repair it
            return


def run_later(ids: list[int], topic: str, listeners: list[Listener] | None = None) -> None:
    """Every later listener, each in its own transaction: one failing does not stop the
    others; the first failure is raised at the end (the task is then marked failed)."""
    failures = []
    for listener in _later if listeners is None else listeners:
        try:
            with transaction.atomic():
                listener(ids, topic)
        except Exception as error:
            log.exception("%s of %s cases (%s) failed", listener.__qualname__, len(ids), topic)
            failures.append(error)
    if failures:
        raise failures[0]


@shared_task(name="core.hooks.matter_changed_later")
def matter_changed_later(case_ids: list[int], topic: str) -> None:
    """After the commit of a write (matter_changed): the later listeners, in the worker."""
    run_later(case_ids, topic)

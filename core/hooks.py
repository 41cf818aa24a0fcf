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
  commit; the others wait for their nightly repair. The saved data stands either way.

A service declares what it changes with `@changes(topic, cases=...)` (its transaction and
its message in one line above its name), not with a call placed by hand in its body."""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Iterable
from typing import Any, Generic, ParamSpec, TypeVar

import redis.exceptions
from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError

Listener = Callable[[list[int], str], None]
P = ParamSpec("P")
R = TypeVar("R")
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


# --- services declare what they change ---------------------------------------------------


def case_of_result(result: Any, **_arguments: Any) -> list[int]:
    """The default `cases`: the record the service returns belongs to one case."""
    return [result.case_id]


def case_returned(case: Any, **_arguments: Any) -> list[int]:
    """`cases` of a service that returns the case itself (a case opened)."""
    return [case.pk]


def case_argument(_result: Any, *, case: Any, **_arguments: Any) -> list[int]:
    """`cases` of a service that is given the case (`case=`) and returns something else."""
    return [case.pk]


class Service(Generic[P, R]):
    """A service function wrapped by `changes`: called, it runs in its own transaction and
    publishes its topics for the cases it touched; `.nested(...)` is the same call made by
    another service inside that one's transaction (a savepoint, the same message)."""

    def __init__(
        self,
        function: Callable[P, R],
        topics: tuple[str, ...],
        cases: Callable[..., Iterable[int]],
        durable: bool,
    ) -> None:
        positional = [
            name
            for name, parameter in inspect.signature(function).parameters.items()
            if parameter.kind not in (parameter.KEYWORD_ONLY, parameter.VAR_KEYWORD)
        ]
        if positional:  # `cases` is given the arguments by name: every one must have one
            raise TypeError(f"{function.__qualname__}: a service takes keyword arguments only")
        functools.update_wrapper(self, function)
        self.function, self.topics, self.cases, self.durable = function, topics, cases, durable

    def __call__(self, **arguments: Any) -> R:
        with transaction.atomic(durable=self.durable):
            return self._run(arguments)

    def nested(self, **arguments: Any) -> R:
        with transaction.atomic():
            return self._run(arguments)

    def _run(self, arguments: dict[str, Any]) -> R:
        result = self.function(**arguments)
        if self.topics:
            case_ids = list(self.cases(result, **arguments))
            for topic in self.topics:
                matter_changed(case_ids, topic)
        return result


def changes(
    *topics: str,
    cases: Callable[..., Iterable[int]] = case_of_result,
    durable: bool = True,
) -> Callable[[Callable[P, R]], Service[P, R]]:
    """Declare a service and what it changes: it runs in one transaction, durable (a
    service called inside another's transaction raises RuntimeError rather than have its
    after-commit work wait, unseen, for the caller's commit; that caller uses `.nested`),
    and when it returns, still inside the transaction, `matter_changed(ids, topic)` for
    each topic. `cases(result, **arguments)` gets the service's return value and its
    keyword arguments and gives the ids of the cases it touched (none: no message).
    `durable=False` for a step that services take inside their own transactions (moving
    a case's phase), callable on its own too."""

    def declare(function: Callable[P, R]) -> Service[P, R]:
        return Service(function, topics, cases, durable)

    return declare

"""A matter of a case changed: later apps listen (followup closes the reminders of a
matter resolved), earlier apps call, so imports still run one way.

An explicit list of listeners, called inside the caller's transaction; never a signal
carrying business logic across apps (DESIGN.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

Listener = Callable[[list[int], str], None]
_listeners: list[Listener] = []

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


def matter_changed(case_ids: Iterable[int], topic: str) -> None:
    ids = sorted({int(pk) for pk in case_ids if pk is not None})
    if not ids:
        return
    for listener in _listeners:
        listener(ids, topic)

"""The case's life cycle in one place (issue 11).

need recognised → assessment → planning → decision → in service → follow-up → closed.

Recording the matching record moves a case forward on its own (`case_advance`, called
by the service that records it); it never moves back by itself. The worker can move a
case either way with a reason (`case_move`). Closing is the closure's own workflow
(followup), which calls `case_close` here. Every move is kept (PhaseChange).

Later apps add the conditions of a phase (e.g. plans: no decision phase without an
employment plan) with `phase_guard` in their AppConfig.ready, so this module imports
none of them."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import hooks

from .models import Case, Phase, PhaseChange

ORDER = list(Phase.values)
Guard = Callable[[Case], None]  # raises ValidationError when the case may not enter
_guards: dict[str, list[Guard]] = {}


def phase_guard(phase: str) -> Callable[[Guard], Guard]:
    def register(guard: Guard) -> Guard:
        _guards.setdefault(phase, []).append(guard)
        return guard

    return register


def _check_guards(case: Case, phase: str) -> None:
    for later in ORDER[ORDER.index(phase) :: -1]:  # the phase and every phase before it
        for guard in _guards.get(later, []):
            guard(case)


def _record(case: Case, to: str, *, by: User | None, reason: str, automatic: bool) -> None:
    PhaseChange.objects.create(
        case=case,
        from_phase=case.phase,
        to_phase=to,
        reason=reason,
        automatic=automatic,
        changed_by=by,
    )
    case.phase = to
    case.save(update_fields=["phase"])


def _moved(moved: bool, *, case: Case, **_arguments) -> list[int]:
    return [case.pk] if moved else []


# a step of the services that record what moves a case (and of the decisions' sweep)
@hooks.changes(hooks.PHASE, cases=_moved, durable=False)
def case_advance(*, case: Case, to: str, by: User | None = None, reason: str = "") -> bool:
    """Move an open case forward to `to` if it is behind it and may enter it; never back.
    Returns whether the case moved."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.closed_on is not None or to == Phase.CLOSED:
        return False
    if ORDER.index(to) <= ORDER.index(case.phase):
        return False
    try:
        _check_guards(case, to)
    except ValidationError:
        return False  # a condition is missing: the record stays, the phase waits for it
    _record(case, to, by=by, reason=reason, automatic=True)
    return True


@hooks.changes(hooks.PHASE, cases=hooks.case_argument)
def case_move(*, user: User, case: Case, phase: str, reason: str) -> None:
    """The worker moves a case to another phase, either way, saying why."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.closed_on is not None:
        raise ValidationError({"phase": _("Päättyneen asiakkuuden vaihetta ei voi muuttaa.")})
    if phase == Phase.CLOSED:
        raise ValidationError(
            {
                "phase": _(
                    "Asiakkuus päätetään Päätä asiakkuus -lomakkeella (jatkopolku ja "
                    "yhteyshenkilö)."
                )
            }
        )
    if phase == case.phase:
        raise ValidationError({"phase": _("Asiakkuus on jo tässä vaiheessa.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Kirjaa syy, miksi vaihetta muutetaan käsin.")})
    _check_guards(case, phase)
    _record(case, phase, by=user, reason=reason.strip(), automatic=False)


@hooks.changes(hooks.CASE, cases=hooks.case_argument, durable=False)  # its reminders close
def case_close(*, user: User, case: Case, closed_on: datetime.date, reason: str) -> None:
    """Called by the closure workflow inside its transaction, after its own checks."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.closed_on is not None:
        raise ValidationError(_("Asiakkuus on jo päättynyt."))
    if closed_on < case.opened_on or closed_on > timezone.localdate():
        raise ValidationError(
            {"closed_on": _("Päättymispäivä on avaamispäivän ja tämän päivän väliltä.")}
        )
    PhaseChange.objects.create(
        case=case, from_phase=case.phase, to_phase=Phase.CLOSED, reason=reason, changed_by=user
    )
    case.phase = Phase.CLOSED
    case.closed_on = closed_on
    case.full_clean()
    case.save(update_fields=["phase", "closed_on"])

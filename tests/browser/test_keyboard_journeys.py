"""The three daily tasks with the keyboard only (issue 16, item 3): Tab, Shift+Tab, Enter,
Space, the arrow keys and Esc through `page.keyboard`; no click anywhere (the start page is
opened by address). At every step the focused element is on the screen and shows a focus
indicator (a computed outline or box-shadow), and Tab moves on: nothing traps the focus.
The result is read back from the database."""

import datetime

import pytest

from decisions.models import Decision, DecisionStatus
from placements.models import Attendance
from plans.models import ActivationPlan
from tests.browser.test_attendance_journey import quiet_monday
from tests.factories import PASSWORD
from tests.placements.test_attendance import place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const r = e.getBoundingClientRect();
  const s = getComputedStyle(e);
  const label = (e.labels && e.labels.length ? e.labels[0].innerText : '')
    || e.getAttribute('aria-label') || e.innerText || e.value || '';
  const cell = e.closest('[data-cell]');
  return {
    tag: e.tagName.toLowerCase(), type: e.type || '', id: e.id || '', name: e.name || '',
    label: label.trim().replace(/\\s+/g, ' ').slice(0, 100),
    cell: cell ? cell.dataset.cell : '', open: !!(cell && cell.open),
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
      && r.top < innerHeight && r.left < innerWidth,
    indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
      || s.boxShadow !== 'none',
    where: `${Math.round(r.left)},${Math.round(r.top)}`,
  };
}"""
SETTLED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
# A date input's day, month and year are tab stops of one element.
SEGMENTED = {"date", "time", "datetime-local"}


class Keys:
    """page.keyboard with the checks of every step."""

    def __init__(self, page):
        self.page, self.steps = page, 0

    def focused(self) -> dict | None:
        return self.page.evaluate(FOCUSED)

    def assert_focus_shown(self, info) -> None:
        assert info is not None, f"step {self.steps}: the focus fell to the page body"
        assert info["visible"], f"step {self.steps}: focused element off screen: {info}"
        assert info["indicator"], f"step {self.steps}: no visible focus indicator: {info}"

    def press(self, key: str) -> dict:
        self.steps += 1
        self.page.keyboard.press(key)
        self.page.evaluate(SETTLED)  # what a key sets off (a toggle event) has run
        info = self.focused()
        self.assert_focus_shown(info)
        return info

    def tab(self, back: bool = False) -> dict:
        before = self.focused()
        key = "Shift+Tab" if back else "Tab"
        self.page.keyboard.press(key)
        if self.focused() is None:  # past the page's last element: Tab wraps to its first
            self.steps += 1
        info = self.press(key) if self.focused() is None else self.press_nothing()
        moved = info != before or (info and info["type"] in SEGMENTED)
        assert moved, f"step {self.steps}: Tab did not move the focus from {before}"
        return info

    def follow(self, key: str = "Enter") -> None:
        """A key that loads another page: the new page starts with nothing focused."""
        self.steps += 1
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self.page.wait_for_load_state()

    def press_nothing(self) -> dict:
        self.steps += 1
        info = self.focused()
        self.assert_focus_shown(info)
        return info

    def tab_to(self, matches, limit: int = 80, back: bool = False) -> dict:
        current = self.focused()
        if current is not None and matches(current):  # already there (autofocus)
            self.assert_focus_shown(current)
            return current
        for _ in range(limit):
            info = self.tab(back)
            if matches(info):
                return info
        raise AssertionError(f"not reached in {limit} tabs")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


def labelled(text: str, tag: str | None = None):
    return lambda info: text in info["label"] and (tag is None or info["tag"] == tag)


def log_in(page, live_server, username: str) -> Keys:
    keys = Keys(page)
    page.goto(f"{live_server.url}/kirjaudu/")
    keys.tab_to(labelled("Käyttäjätunnus", "input"))
    keys.type(username)
    keys.tab_to(labelled("Salasana", "input"))
    keys.type(PASSWORD)
    keys.follow()
    return keys


@pytest.fixture
def page_1280(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    yield context.new_page()
    context.close()


def test_worker_opens_a_case_and_drafts_a_plan_with_the_keyboard(page_1280, live_server, world):
    page = page_1280
    keys = log_in(page, live_server, "alice")
    keys.tab_to(labelled("Meikäläinen", "a"))
    keys.follow()
    assert f"/asiakkuudet/{world.case.pk}/" in page.url
    keys.tab_to(labelled("Laadi aktivointisuunnitelma", "a"))
    keys.follow()
    keys.tab_to(lambda info: info["name"] == "plan_type")
    keys.press("ArrowDown")  # the first plan type after the empty choice
    assert page.locator("#id_plan_type").input_value() != ""
    keys.tab_to(lambda info: info["name"] == "education_and_work_history")
    keys.type("Varastotyötä 2015–2019; ei tutkintoa.")
    keys.tab()  # and on, past the rest of the form
    keys.tab(back=True)  # Shift+Tab comes back to the text
    keys.tab_to(labelled("Tallenna luonnos", "button"))
    keys.follow()
    plan = ActivationPlan.objects.get(case=world.case)
    assert plan.education_and_work_history == "Varastotyötä 2015–2019; ei tutkintoa."


@pytest.mark.parametrize("width", [1280, 360])  # the supervisor's phone too
def test_supervisor_records_a_week_with_the_keyboard(browser, live_server, world, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="fi-FI")
    page = context.new_page()
    monday = quiet_monday()
    tuesday = monday + datetime.timedelta(days=1)
    first, second = (place(world, weekdays=(1, 2, 3, 4)) for _ in range(2))
    keys = log_in(page, live_server, "pekka")
    page.goto(f"{live_server.url}/tyotoiminta/yksikko/{world.site.pk}/viikko/?viikko={monday}")
    keys.tab_to(labelled("Kaikki paikalla aikataulun mukaan", "button"))
    keys.press("Enter")
    # the first client's Tuesday: open its editor, mark an absence with Kela's reason
    key = f"a-{first.pk}-{tuesday:%Y%m%d}"
    keys.tab_to(lambda info: info["tag"] == "summary" and info["cell"] == key)
    keys.press("Enter")
    assert keys.focused()["open"]
    status = keys.tab_to(lambda info: info["type"] == "radio")
    assert status["cell"] == key
    keys.press("ArrowDown")  # Läsnä → Poissa
    assert page.locator(f"[name='{key}-status']:checked").input_value() == "absent"
    keys.tab_to(lambda info: info["tag"] == "select" and info["cell"] == key)
    keys.press("ArrowDown")  # the first of Kela's reasons
    # Esc closes the editor from inside it and the focus returns to the day
    info = keys.press("Escape")
    assert info["tag"] == "summary" and info["cell"] == key and not info["open"]
    # no trap: an open editor is left by Tab like any other part of the page
    keys.press("Enter")
    left = keys.tab_to(lambda info: info["cell"] != key, limit=12)
    assert not page.locator(f"[data-cell='{key}']").evaluate(
        "e => e.contains(document.activeElement)"
    )
    assert left is not None
    keys.tab_to(labelled("Tallenna viikko", "button"))
    # saved in the page: the focus stays on the button, then moves to the new page's start
    page.keyboard.press("Enter")
    for _ in range(100):  # (wait_for_function would need eval, which the CSP forbids)
        if page.evaluate("() => !document.querySelector('.att-cell.unsaved')"):
            break
        page.wait_for_timeout(100)
    keys.tab()  # and the keyboard goes on from the saved page
    marks = {
        (mark.placement_id, mark.day): mark.status
        for mark in Attendance.objects.filter(placement__in=[first, second])
    }
    assert marks[(first.pk, tuesday)] == "absent"
    assert marks[(second.pk, tuesday)] == "present"
    assert len(marks) == 8  # two clients, Monday to Thursday
    context.close()


def test_worker_makes_and_notifies_a_decision_with_the_keyboard(
    page_1280, live_server, world, draft
):
    page = page_1280
    keys = log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/asiakkuudet/{draft.case_id}/paatokset/{draft.pk}/")
    # the summary first, then the irreversible make (issue 27, item 6)
    keys.tab_to(labelled("Tarkista ja tee päätös", "a"))
    keys.follow()
    assert Decision.objects.get(pk=draft.pk).status == DecisionStatus.DRAFT
    keys.tab_to(labelled("Tee päätös", "button"))
    keys.follow()
    assert Decision.objects.get(pk=draft.pk).status == DecisionStatus.MADE
    keys.tab_to(lambda info: info["name"] == "method")
    keys.press("ArrowDown")  # handed over → by post
    keys.tab_to(labelled("Kirjaa tiedoksianto", "button"))
    keys.follow()
    decision = Decision.objects.get(pk=draft.pk)
    assert decision.status == DecisionStatus.NOTIFIED
    assert decision.notification.method == "post"

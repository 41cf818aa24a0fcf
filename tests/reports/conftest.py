"""A small known region for the report: eight placed clients whose figures are counted
by hand in the tests (the period is the first half of 2026)."""

import csv
import datetime
import io
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from clients.demo import demo_hetu
from clients.models import Referral
from decisions.models import Decision
from followup.models import Closure
from placements.models import Attendance, Placement
from plans.models import Assessment
from tests.factories import CaseFactory

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)
PERIOD = {"start": START.isoformat(), "end": END.isoformat()}
OPENED = datetime.date(2026, 1, 5)
DECIDED = datetime.date(2026, 1, 26)
# Mondays, Wednesdays and Fridays from 2.2.2026: the first ten
DAYS = [
    datetime.date(2026, 2, 2) + datetime.timedelta(days=d)
    for d in (0, 2, 4, 7, 9, 11, 14, 16, 18, 21)
]
ABSENT_DAY = datetime.date(2026, 2, 25)


def placed(world, municipality, site, *, birth, individual, source, reasons, present, absent=None):
    case = CaseFactory(
        client__hetu=demo_hetu(birth, individual),
        client__home_municipality=municipality,
        municipality=municipality,
        responsible_worker=world.alice if municipality == world.seinajoki else world.olli,
        opened_on=OPENED,
        phase="in_service",
    )
    Referral.objects.create(
        case=case, initiated_on=OPENED, source=source, reasons=reasons, recorded_by=world.alice
    )
    decision = Decision.objects.create(
        case=case,
        authority=municipality,
        status="made",
        decided_on=DECIDED,
        decision_maker=world.alice,
        site=site,
        weekdays=[1, 3, 5],
        hours_per_day=4,
        start_on=datetime.date(2026, 2, 2),
        end_on=datetime.date(2026, 8, 31),
        reasons="x",
        contact_person=world.alice,
        created_by=world.alice,
    )
    placement = Placement.objects.create(
        decision=decision,
        case=case,
        site=site,
        client_name="x",
        start_on=decision.start_on,
        end_on=decision.end_on,
        weekdays=[1, 3, 5],
        hours_per_day=4,
        goals="x",
        contacts="y",
        notice_sent_on=DECIDED,
        notice_sent_by=world.alice,
    )
    marks = [Attendance(placement=placement, day=d, status="present", hours=4) for d in present]
    if absent:
        marks.append(
            Attendance(placement=placement, day=ABSENT_DAY, status="absent", absence_reason=absent)
        )
    for mark in marks:
        mark.recorded_by = world.pekka
    Attendance.objects.bulk_create(marks)
    return case


@pytest.fixture
def region(world):
    """Seinäjoki: six clients at Pajuluoma (four women born 1990, two men born 1960), ten
    days present each, five off sick and one on agreed leave; referred by TE services
    (5) and Kela (1); assessed in 20 days (3) or 30 days (3). Lapua: two women born 2000
    at Toivo, nine days each, referred by adult social work; one assessed in 116 days.
    Three Seinäjoki clients' service closed on 15.6.2026."""
    both = ["life_management", "capacity_assessment"]
    seinajoki = [
        placed(
            world,
            world.seinajoki,
            world.site,
            birth=datetime.date(1990 if i < 4 else 1960, 1, 1 + i),
            individual=902 if i < 4 else 901,  # even: a woman, odd: a man
            source="te_services" if i < 5 else "kela",
            reasons=both,
            present=DAYS,
            absent="own_sickness" if i < 5 else "agreed_leave",
        )
        for i in range(6)
    ]
    lapua = [
        placed(
            world,
            world.lapua,
            world.other_site,
            birth=datetime.date(2000, 1, 1 + i),
            individual=902,
            source="adult_social_work",
            reasons=["life_management"],
            present=DAYS[:9],
        )
        for i in range(2)
    ]
    for i, case in enumerate(seinajoki):
        done = OPENED + datetime.timedelta(days=20 if i < 3 else 30)
        Assessment.objects.create(
            case=case, started_on=OPENED, completed_on=done, summary="x", recorded_by=world.alice
        )
    Assessment.objects.create(
        case=lapua[0],
        started_on=OPENED,
        completed_on=datetime.date(2026, 5, 1),
        summary="x",
        recorded_by=world.olli,
    )
    for case, reason, path in [
        (seinajoki[0], "period_ended", "open_labour_market"),
        (seinajoki[1], "period_ended", "open_labour_market"),
        (seinajoki[2], "employment", "education"),
    ]:
        Closure.objects.create(
            case=case,
            closed_on=datetime.date(2026, 6, 15),
            reason=reason,
            next_path=path,
            continuation_plan="x",
            contact_person="Alice",
            final_evaluation_done=True,
            self_assessment_done=True,
            recorded_by=world.alice,
        )
    return seinajoki, lapua


class _Tables(HTMLParser):
    """The report page's tables: {key: {row label: [cell texts]}}."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict = {}
        self.key = None
        self.row: list | None = None
        self.text = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-table" in attrs:
            self.key = attrs["data-table"]
            self.tables[self.key] = {}
        elif self.key and tag == "tr":
            self.row = []
        elif self.key and self.row is not None and tag in ("th", "td"):
            self.text = ""

    def handle_data(self, data):
        if self.text is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.text is not None:
            self.row.append(self.text.strip())
            self.text = None
        elif tag == "tr" and self.row is not None:
            if self.row and self.row[0] and len(self.row) > 1 and self.key:
                self.tables[self.key][self.row[0]] = self.row[1:]
            self.row = None
        elif tag == "table":
            self.key = None


def page_tables(html: str) -> dict:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def csv_cells(text: str) -> dict:
    """{(table title, row, column): value} from the CSV export."""
    rows = [r for r in csv.reader(io.StringIO(text), delimiter=";") if r and r[0] != "#"]
    return {(t, r, c): v for t, r, c, v in rows[1:]}


def xlsx_tables(data: bytes) -> dict:
    """{table key: {row label: [values]}} from the XLSX export (the key is the sheet's
    code name; the name the reader sees is the table's title)."""
    book = load_workbook(io.BytesIO(data))
    out = {}
    for sheet in book.worksheets[1:]:
        rows = list(sheet.iter_rows(values_only=True))
        out[sheet.sheet_properties.codeName] = {
            row[0]: list(row[1:]) for row in rows[2:] if len(row) > 1
        }
    return out


@pytest.fixture(autouse=True)
def rollups_follow_the_data(monkeypatch):
    """These tests write the source tables directly (not through the services that call
    core.hooks.matter_changed): the rollups are rebuilt in full before each report, so
    every hand count here checks the rollup path (tests/reports/test_rollups.py checks
    the incremental one and the equality with the live SQL)."""
    from reports import rolled, rollups

    figures = rolled.figures

    def refreshed_figures(scope, filters):
        rollups.refresh_all()
        return figures(scope, filters)

    monkeypatch.setattr(rolled, "figures", refreshed_figures)
    # a report before any rebuild says "being prepared" (tests/reports/test_rollups.py):
    # here the rollups exist, as on any installation after its first night
    refreshed_at = rollups.refreshed_at

    def built_at():
        if refreshed_at() is None:
            rollups.refresh_all()
        return refreshed_at()

    monkeypatch.setattr(rollups, "refreshed_at", built_at)

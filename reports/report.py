"""The report as one data structure: titled tables of cells, suppressed once, here.

The page, the API, CSV, XLSX and PDF all render this same `Report`, so they hold the
same numbers and hide the same cells."""

from __future__ import annotations

import contextvars
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Site
from clients.models import NeedReason, Phase, ReferralSource
from followup.models import ClosureReason, NextPath
from placements.models import AbsenceReason

from . import disclosure, queries, rolled, rollups
from .forms import AGE_GROUPS, SEXES, Filters
from .scope import Scope
from .suppression import (
    Sum,
    complement,
    one_way,
    primary,
    ratio_hidden,
    statistic_shown,
    suppress,
    two_way,
)

COUNT, DAYS, PERCENT, MEAN = "count", "days", "percent", "mean"
# tables later apps add to the report (workability: the integration flags), each a
# function (scope, filters, minimum) → Table or None, registered in AppConfig.ready
CONTRIBUTED: list = []
# a cell hidden to protect others (secondary or complement suppression): it may hold any
# number, so it is not marked "<5" (issue 28: "<5" printed for a cell holding 15)
PROTECTED = ".."
# the counts a view hides because a parent view's same count differs by 1–4 (issue 28):
# {problem name: keys}, set by `build` around the second assembly of the tables
_protect: contextvars.ContextVar[dict | None] = contextvars.ContextVar("protect", default=None)


@dataclass
class Cell:
    value: float | int | None
    kind: str = COUNT
    hidden: bool = False
    minimum: int = 5
    small: bool = False  # hidden because it is itself a count of 1 to minimum − 1
    key: tuple | None = None  # (problem, key): the same count in another view

    @property
    def mark(self) -> str:
        return f"<{self.minimum}" if self.small else PROTECTED

    @property
    def text(self) -> str:
        """As a reader sees it (localised)."""
        if self.hidden:
            return self.mark
        if self.value is None:
            return "–"
        if self.kind == COUNT:
            return formats.number_format(self.value, 0)
        value = round(float(self.value), 1)  # number_format cuts digits, it does not round
        if self.kind == PERCENT:
            return f"{formats.number_format(value, 1)} %"
        return formats.number_format(value, 1)

    @property
    def export(self) -> float | int | str | None:
        """As a machine reads it: the number, or the "<5" / ".." marker when hidden."""
        if self.hidden:
            return self.mark
        if self.value is None or self.kind == COUNT:
            return self.value
        return round(float(self.value), 1)


@dataclass
class Row:
    label: str
    cells: list[Cell]
    total: bool = False


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[Row]
    note: str = ""
    chart_column: int = 0  # which column the chart draws

    def chart_rows(self) -> list[Row]:
        return [row for row in self.rows if not row.total]


@dataclass
class Report:
    tables: list[Table]
    filters: Filters
    scope: Scope
    generated_at: datetime.datetime
    minimum: int
    # when the rollup tables were last rebuilt in full ("figures as of"); writes through
    # the app update the touched cases' rows in between
    figures_as_of: datetime.datetime | None = None
    described: list[tuple[str, str]] = field(default_factory=list)
    # the rollups were never built: no tables yet, the Celery task is building them
    preparing: bool = False

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    @property
    def figures_as_of_when(self) -> str:
        """ "2.12.2026 klo 02.45": when the rollup tables were last rebuilt."""
        if self.figures_as_of is None:
            return ""
        at = timezone.localtime(self.figures_as_of)
        return _("%(day)s klo %(time)s") % {"day": f"{at:%-d.%-m.%Y}", "time": f"{at:%H.%M}"}

    @property
    def figures_as_of_text(self) -> str:
        """ "Luvut päivitetty 2.12.2026 klo 02.45" (the page, the API)."""
        return f"{_('Luvut päivitetty')} {self.figures_as_of_when}"


class _Cells:
    """Counts keyed for one suppression problem (`name`), turned into cells. The
    complement-hidden keys (`also_hidden`, and those `build` protects against a parent
    view) are hidden before the secondary suppression, so it protects them too."""

    def __init__(
        self, values: dict, sums: list[Sum], minimum: int, also_hidden=frozenset(), *, name=""
    ) -> None:
        self.values = values
        self.name = name
        self.small = primary(values, minimum)
        forced = set(also_hidden) | set((_protect.get() or {}).get(name, ()))
        self.hidden = suppress(values, sums, minimum=minimum, hidden=forced)
        self.minimum = minimum

    def __call__(self, key) -> Cell:
        small = key in self.small
        return Cell(
            self.values.get(key), COUNT, key in self.hidden, self.minimum, small, (self.name, key)
        )


def _one_way_table(
    key, title, column, choices, counts, minimum, *, total=True, note="", whole=None
) -> Table:
    """`whole`: the total cell these counts are subsets of, shown in another table."""
    values = {k: counts.get(str(k), 0) for k, _label in choices}
    if total:
        values["__total__"] = sum(values.values())
    sums = one_way([k for k, _label in choices], "__total__") if total else []
    outside = (
        complement(values, whole.value, whole_hidden=whole.hidden, minimum=minimum)
        if whole is not None
        else set()
    )
    cells = _Cells(values, sums, minimum, outside, name=key)
    rows = [Row(str(label), [cells(k)]) for k, label in choices]
    if total:
        rows.append(Row(_("Yhteensä"), [cells("__total__")], total=True))
    return Table(key, title, [column], rows, note)


def build(scope: Scope, filters: Filters) -> Report:
    minimum = int(settings.KUTY_REPORT_MIN_CELL)
    as_of = rollups.refreshed_at()
    if as_of is None:
        # never built (a new installation before its first night): the worker builds
        # them; a request never does (issue 30: it outlived the web worker's timeout)
        rollups.request_rebuild()
        return Report([], filters, scope, timezone.now(), minimum, preparing=True)
    raw = rolled.figures(scope, filters)
    tables = _tables(raw, filters, minimum)
    protect = _against_parents(scope, filters, tables, minimum)
    if protect:  # assembled again with those counts hidden before secondary suppression
        token = _protect.set(protect)
        try:
            tables = _tables(raw, filters, minimum)
        finally:
            _protect.reset(token)
    tables += [t for add in CONTRIBUTED if (t := add(scope, filters, minimum)) is not None]
    return Report(tables, filters, scope, timezone.now(), minimum, as_of)


def counts_of(tables: list[Table]) -> dict:
    """Every count of the tables by its key: what another view's same count is."""
    return {
        cell.key: cell.value
        for table in tables
        for row in table.rows
        for cell in row.cells
        if cell.key is not None and cell.kind == COUNT
    }


def _against_parents(scope: Scope, filters: Filters, tables: list[Table], minimum: int) -> dict:
    """{problem: keys} of the counts that differ by 1 to minimum − 1 from the same count
    of a view whose population contains this one's (reports/disclosure.py)."""
    if minimum <= 1:
        return {}
    sites = (
        dict(Site.objects.filter(pk=filters.site).values_list("pk", "organization_id"))
        if filters.site
        else {}
    )
    theirs = [
        counts_of(_tables(rolled.figures(scope, view), view, minimum))
        for view in disclosure.parents(filters, sites)
    ]
    protect: dict = {}
    for name, key in disclosure.differenced(counts_of(tables), theirs, minimum=minimum):
        protect.setdefault(name, set()).add(key)
    return protect


def _tables(raw: dict, filters: Filters, minimum: int) -> list[Table]:
    day = f"{filters.status_day:%-d.%-m.%Y}"
    referrals = _one_way_table(
        "referrals",
        _("Uudet ohjautumiset ohjaavan tahon mukaan"),
        _("Ohjautumisia"),
        ReferralSource.choices,
        raw["referrals"],
        minimum,
    )
    return [
        _clients(raw["clients"], day, minimum),
        referrals,
        _one_way_table(
            "referral_reasons",
            _("Uudet ohjautumiset syyn mukaan"),
            _("Ohjautumisia"),
            NeedReason.choices,
            raw["referral_reasons"],
            minimum,
            total=False,
            note=_("Ohjautumisella voi olla useita syitä: syyt eivät laske yhteen."),
            whole=referrals.rows[-1].cells[0],
        ),
        _one_way_table(
            "phases",
            _("Asiakkuudet vaiheen mukaan"),
            _("Asiakkuuksia"),
            Phase.choices,
            raw["phases"],
            minimum,
            note=_("Kauden aikana avoinna olleet asiakkuudet, nykyisen vaiheen mukaan."),
        ),
        _single(
            "idle",
            _("Avoimet asiakkuudet, joihin ei ole kirjattu mitään 60 päivään"),
            [(_("Ilman kirjauksia %(days)s päivää") % {"days": _idle_days()}, raw["idle"])],
            minimum,
            note=_("Tilanne tänään."),
        ),
        _attendance(raw["attendance"], raw["absence_reasons"], minimum),
        _delays(raw["delays"], minimum),
        _single(
            "late_assessments",
            _("Palvelutarpeen arvioinnit yli kolmen kuukauden määräajan (SHL 36 §)"),
            [
                (_("Valmistui kaudella myöhässä"), raw["late_assessments"]["completed_late"]),
                (
                    _("Odottaa tänään yli kolme kuukautta"),
                    raw["late_assessments"]["waiting"],
                ),
            ],
            minimum,
        ),
        _sites(raw["sites"], day, minimum),
        *_closures(raw["closure_reasons"], raw["next_paths"], minimum),
        _capacity(raw["capacity_change"], minimum),
        _single(
            "day_limit",
            _("Osallistumispäivien enimmäismäärä (%(limit)s päivää 12 kuukaudessa)")
            % {"limit": settings.KUTY_DAY_LIMIT},
            [
                (
                    _("Saavuttanut enimmäismäärän %(day)s") % {"day": day},
                    raw["day_limit"]["reached"],
                ),
                (_("Saavuttaa sen 30 päivän kuluessa"), raw["day_limit"]["projected"]),
            ],
            minimum,
            note=_("Ennuste suunnitellun viikkoaikataulun mukaan; arkipyhät ja sulkupäivät pois."),
        ),
        *_annual(raw["annual"], filters.end.year, minimum),
    ]


def _idle_days() -> int:
    return int(settings.KUTY_REMINDERS["case_idle"])


def _single(key, title, items, minimum, note="", also_hidden=frozenset()) -> Table:
    values = {i: value for i, (_label, value) in enumerate(items)}
    cells = _Cells(values, [], minimum, also_hidden, name=key)
    rows = [Row(str(label), [cells(i)]) for i, (label, _value) in enumerate(items)]
    return Table(key, title, [_("Asiakkaita")], rows, note)


def _clients(raw: dict, day: str, minimum: int) -> Table:
    return _single(
        "clients",
        _("Asiakkaat kuntouttavassa työtoiminnassa"),
        [
            (_("Palvelussa %(day)s") % {"day": day}, raw["on_day"]),
            (_("Palvelussa kauden aikana"), raw["during"]),
        ],
        minimum,
        # those in service on the day are a subset of those during the period
        also_hidden=complement(
            {0: raw["on_day"]},
            raw["during"],
            whole_hidden=0 < (raw["during"] or 0) < minimum,
            minimum=minimum,
        ),
    )


def _attendance(raw: dict, reasons: dict, minimum: int) -> Table:
    keys = [k for k, _label in AbsenceReason.choices]
    values = {
        "present": raw["present"],
        **{k: reasons.get(k, 0) for k in keys},
        "absent": raw["absent"],
        "marked": raw["present"] + raw["absent"],
        "no_service": raw["no_service"],
    }
    sums = [Sum("absent", tuple(keys)), Sum("marked", ("present", "absent"))]
    cells = _Cells(values, sums, minimum, name="attendance")
    rate = raw["present"] * 100 / values["marked"] if values["marked"] else None
    rows = [
        Row(_("Osallistumispäivät (läsnä)"), [cells("present")]),
        *[
            Row(_("Poissa: %(reason)s") % {"reason": label}, [cells(k)])
            for k, label in AbsenceReason.choices
        ],
        Row(_("Poissaolot yhteensä"), [cells("absent")], total=True),
        Row(_("Suunnitellut ja kirjatut päivät (läsnä + poissa)"), [cells("marked")], total=True),
        Row(_("Päivät ilman toimintaa"), [cells("no_service")]),
        Row(
            _("Läsnäoloaste (läsnä / suunnitellut)"),
            [Cell(rate, PERCENT, ratio_hidden("present", "marked", cells.hidden), minimum)],
            total=True,
        ),
    ]
    return Table(
        "attendance",
        _("Osallistuminen ja poissaolot (Kelan poissaolosyyt)"),
        [_("Päiviä")],
        rows,
        _("Kauden aikana kirjatut läsnäolo- ja poissaolomerkinnät."),
    )


def _delays(raw: dict, minimum: int) -> Table:
    labels = {
        "referral_assessment": _("Vireilletulo → palvelutarpeen arviointi"),
        "assessment_plan": _("Arviointi → allekirjoitettu aktivointisuunnitelma"),
        "plan_decision": _("Suunnitelma → päätös"),
        "decision_first_day": _("Päätös → ensimmäinen osallistumispäivä"),
    }
    rows = []
    empty = {"n": 0, "median": None, "p90": None}
    counts = _Cells(
        {k: raw.get(k, empty)["n"] for k, *_ in queries.DELAYS}, [], minimum, name="delays"
    )
    for key, _begin, _finish in queries.DELAYS:
        item = raw.get(key, empty)
        n = counts(key)
        # no median of a count hidden against another view: with the other view's it
        # would tell something of the few cases between them
        shown = statistic_shown(item["n"], minimum) and not n.hidden
        rows.append(
            Row(
                str(labels[key]),
                [
                    n,
                    Cell(item["median"] if shown else None, DAYS, False, minimum),
                    Cell(item["p90"] if shown else None, DAYS, False, minimum),
                ],
            )
        )
    return Table(
        "delays",
        _("Viiveet (päivää)"),
        [_("Asiakkuuksia"), _("Mediaani"), _("90. persentiili")],
        rows,
        _(
            "Kaudella päättyneet vaiheet. Mediaania ja persentiiliä ei näytetä alle "
            "%(min)s tapauksesta."
        )
        % {"min": minimum},
        chart_column=1,
    )


def _sites(raw: list[dict], day: str, minimum: int) -> Table:
    values: dict = {}
    for site in raw:
        values[(site["id"], "placements")] = site["placements"]
        values[(site["id"], "held_today")] = site["held_today"]
        values[(site["id"], "held_max")] = site["held_max"]
    values["placements_total"] = sum(site["placements"] for site in raw)
    sums = one_way([(site["id"], "placements") for site in raw], "placements_total")
    cells = _Cells(values, sums, minimum, name="sites")
    rows = []
    for site in raw:
        held_today = cells((site["id"], "held_today"))
        held_max = cells((site["id"], "held_max"))
        rows.append(
            Row(
                f"{site['name']} ({site['provider']})",
                [
                    Cell(site["capacity"], COUNT, False, minimum),
                    cells((site["id"], "placements")),
                    # free = places − held: hidden when the held count is (it would tell it)
                    Cell(site["capacity"] - site["held_today"], COUNT, held_today.hidden, minimum),
                    Cell(site["capacity"] - site["held_max"], COUNT, held_max.hidden, minimum),
                ],
            )
        )
    rows.append(
        Row(
            _("Yhteensä"),
            [
                Cell(sum(site["capacity"] for site in raw), COUNT, False, minimum),
                cells("placements_total"),
                Cell(None),
                Cell(None),
            ],
            total=True,
        )
    )
    return Table(
        "sites",
        _("Työtoimintapaikat yksiköittäin"),
        [
            _("Asiakaspaikkoja"),
            _("Sijoituksia kaudella"),
            _("Vapaita %(day)s") % {"day": day},
            _("Vapaita vähintään seuraavat 3 kk"),
        ],
        rows,
        _("Vapaat paikat kaikkien järjestäjien voimassa olevien päätösten mukaan."),
        chart_column=2,
    )


def _closures(reasons: dict, paths: dict, minimum: int) -> list[Table]:
    reason_keys = [("reason", k) for k, _label in ClosureReason.choices]
    path_keys = [("path", k) for k, _label in NextPath.choices]
    values = {key: reasons.get(key[1], 0) for key in reason_keys}
    values.update({key: paths.get(key[1], 0) for key in path_keys})
    values["total"] = sum(reasons.values())
    # the same closures counted twice: both tables' cells add up to the same total
    cells = _Cells(
        values,
        [Sum("total", tuple(reason_keys)), Sum("total", tuple(path_keys))],
        minimum,
        name="closures",
    )
    column = _("Päättyneitä")
    return [
        Table(
            "closure_reasons",
            _("Päättyneet asiakkuudet syyn mukaan"),
            [column],
            [Row(str(label), [cells(("reason", k))]) for k, label in ClosureReason.choices]
            + [Row(_("Yhteensä"), [cells("total")], total=True)],
        ),
        Table(
            "next_paths",
            _("Päättyneet asiakkuudet jatkopolun mukaan"),
            [column],
            [Row(str(label), [cells(("path", k))]) for k, label in NextPath.choices]
            + [Row(_("Yhteensä"), [cells("total")], total=True)],
        ),
    ]


def _capacity(raw: list[dict], minimum: int) -> Table:
    language = (translation.get_language() or "fi")[:2]
    rows = []
    counts = _Cells({d["id"]: d["n"] for d in raw}, [], minimum, name="capacity_change")
    for domain in raw:
        n = counts(domain["id"])
        shown = statistic_shown(domain["n"], minimum) and not n.hidden
        rows.append(
            Row(
                domain["names"].get(language) or domain["names"]["fi"],
                [
                    n,
                    Cell(domain["mean"] if shown else None, MEAN, False, minimum),
                ],
            )
        )
    return Table(
        "capacity_change",
        _("Itsearvioidun toimintakyvyn muutos alusta loppuun (0–10)"),
        [_("Asiakkuuksia"), _("Keskimääräinen muutos")],
        rows,
        _(
            "Asiakkuudet, joiden loppuvaiheen itsearvio tehtiin kaudella ja joilla on "
            "alkuvaiheen itsearvio. Keskiarvoa ei näytetä alle %(min)s asiakkuudesta."
        )
        % {"min": minimum},
        chart_column=1,
    )


def _annual(raw: list[tuple], year: int, minimum: int) -> list[Table]:
    municipalities: dict[int, str] = {}
    counts: dict = {}
    for municipality_id, name, sex, age_group, n in raw:
        municipalities[municipality_id] = name
        counts[(municipality_id, "sex", sex)] = counts.get((municipality_id, "sex", sex), 0) + n
        counts[(municipality_id, "age", age_group)] = (
            counts.get((municipality_id, "age", age_group), 0) + n
        )
    ids = list(municipalities)
    sexes = [("sex", k) for k, _label in SEXES]
    ages = [("age", k) for k, *_rest in AGE_GROUPS]
    values: dict = {}
    for m in [*ids, "all"]:
        for column in [*sexes, *ages]:
            if m == "all":
                values[(m, *column)] = sum(counts.get((i, *column), 0) for i in ids)
            else:
                values[(m, *column)] = counts.get((m, *column), 0)
        values[(m, "total")] = sum(values[(m, *c)] for c in sexes)
    sums: list[Sum] = []
    for group in (sexes, ages):
        keyed = [f"{a}:{b}" for a, b in group]
        flat = {f"{a}:{b}": (a, b) for a, b in group}
        for rule in two_way(ids, keyed, row_total="all", column_total="total"):
            sums.append(
                Sum(_annual_key(rule.total, flat), tuple(_annual_key(p, flat) for p in rule.parts))
            )
    cells = _Cells(values, sums, minimum, name="annual")

    def table(key, title, group, labels) -> Table:
        rows = [
            Row(municipalities[m], [cells((m, *c)) for c in group] + [cells((m, "total"))])
            for m in ids
        ]
        rows.append(
            Row(
                _("Yhteensä"),
                [cells(("all", *c)) for c in group] + [cells(("all", "total"))],
                total=True,
            )
        )
        return Table(
            key,
            title,
            [str(label) for label in labels] + [_("Yhteensä")],
            rows,
            _(
                "Asiakkaat, jotka olivat kuntouttavassa työtoiminnassa vuonna %(year)s, "
                "järjestävän kunnan mukaan."
            )
            % {"year": year},
            chart_column=len(group),
        )

    return [
        table(
            "annual_sex",
            _("Vuositilasto %(year)s: asiakkaat sukupuolen mukaan") % {"year": year},
            sexes,
            [label for _k, label in SEXES],
        ),
        table(
            "annual_age",
            _("Vuositilasto %(year)s: asiakkaat ikäryhmän mukaan (ikä vuoden lopussa)")
            % {"year": year},
            ages,
            [label for _k, label, *_rest in AGE_GROUPS],
        ),
    ]


def _annual_key(key, flat):
    """(municipality, "sex:female") → (municipality, "sex", "female"); totals as they are."""
    row, column = key
    if column == "total":
        return (row, "total")
    return (row, *flat[column])

"""The regional report's rollup tables: facts derived from the other apps' tables, kept
so that each figure is a small GROUP BY at national scale (issue 13).

Every row belongs to one case (`case_id`), so a write re-computes exactly the touched
cases' rows (`reports.rollups.refresh_cases`), and the nightly job rebuilds them all
(`reports.rollups.refresh_all`), both from the same SQL. The case's filter keys
(organiser, the sites of its placements, the client's birth date as yyyymmdd, sex and
language) are copied onto every row, so a filter is a WHERE clause, not a join. Plain
integer keys, no foreign keys: these are derived data, rebuilt from the source.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models


def by_organiser(table: str, day: str) -> models.Index:
    """An index leading with the organiser, then the table's day: a report filtered to
    one municipality (or a reader's few) reads its rows only, and the rebuild of one
    organiser's rows (reports.rollups.refresh_organiser) finds them (issue 30)."""
    return models.Index(fields=["municipality_id", day], name=f"rollup_{table}_organiser")


class _CaseKeys(models.Model):
    case_id = models.BigIntegerField(db_index=True)
    client_id = models.BigIntegerField()
    municipality_id = models.BigIntegerField()
    site_ids = ArrayField(models.BigIntegerField(), default=list)
    born = models.IntegerField(null=True)  # yyyymmdd from the henkilötunnus
    sex = models.CharField(max_length=6, null=True)
    language = models.CharField(max_length=2)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True)
    # the case's days present in all (a day once): a case with fewer than the day limit
    # less 18 can reach the limit in no window, so the day-limit figure skips it
    present_days = models.IntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{type(self).__name__} of case {self.case_id}"


class CaseFact(_CaseKeys):
    """One row per case: its phase and the first day of each step of the process."""

    case_id = models.BigIntegerField(primary_key=True)
    phase = models.CharField(max_length=30)
    referred_on = models.DateField(null=True)
    referral_source = models.CharField(max_length=40, null=True)
    referral_reasons = ArrayField(models.CharField(max_length=40), null=True)
    assessed_on = models.DateField(null=True)  # the first assessment completed
    signed_on = models.DateField(null=True)  # the first activation plan signed by all three
    decided_on = models.DateField(null=True)  # the first positive grant decision made
    first_day = models.DateField(null=True)  # the first day present
    last_record_on = models.DateField(null=True)  # the last day anything was recorded
    closure_on = models.DateField(null=True)
    closure_reason = models.CharField(max_length=40, null=True)
    next_path = models.CharField(max_length=40, null=True)

    class Meta:
        db_table = "reports_casefact"
        indexes = [
            models.Index(fields=[name], name=f"rollup_case_{name}")
            for name in [
                "referred_on",
                "assessed_on",
                "signed_on",
                "decided_on",
                "first_day",
                "closure_on",
            ]
        ] + [
            by_organiser("case", "opened_on"),
            # a provider's report, or one site's: the cases placed at its sites
            GinIndex(fields=["site_ids"], name="rollup_case_sites"),
        ]


class PlacementFact(_CaseKeys):
    """One row per placement."""

    placement_id = models.BigIntegerField(primary_key=True)
    site_id = models.BigIntegerField()
    start_on = models.DateField()
    end_on = models.DateField()

    class Meta:
        db_table = "reports_placementfact"
        indexes = [
            by_organiser("placement", "start_on"),
            models.Index(fields=["site_id", "start_on"], name="rollup_placement_site"),
        ]


class AttendanceMonth(_CaseKeys):
    """One row per placement and calendar month with marks: each kind of mark as a bit
    mask of the month's days (bit d−1 for day d), so a period starting or ending within a
    month counts exactly the days inside it (the mask ANDed with the period's days)."""

    placement_id = models.BigIntegerField()
    site_id = models.BigIntegerField()
    month = models.DateField()  # the first day of the month
    present = models.IntegerField(default=0)
    absent = models.IntegerField(default=0)
    no_service = models.IntegerField(default=0)
    own_sickness = models.IntegerField(default=0)
    child_sickness = models.IntegerField(default=0)
    employment = models.IntegerField(default=0)
    public_office = models.IntegerField(default=0)
    agreed_leave = models.IntegerField(default=0)
    other = models.IntegerField(default=0)
    # the same marks counted over the whole month: a month inside the period is summed
    # from these, only its first and last month are counted from the masks
    present_n = models.SmallIntegerField(default=0)
    absent_n = models.SmallIntegerField(default=0)
    no_service_n = models.SmallIntegerField(default=0)
    own_sickness_n = models.SmallIntegerField(default=0)
    child_sickness_n = models.SmallIntegerField(default=0)
    employment_n = models.SmallIntegerField(default=0)
    public_office_n = models.SmallIntegerField(default=0)
    agreed_leave_n = models.SmallIntegerField(default=0)
    other_n = models.SmallIntegerField(default=0)

    class Meta:
        db_table = "reports_attendancemonth"
        constraints = [
            models.UniqueConstraint(fields=["placement_id", "month"], name="one_rollup_month")
        ]
        indexes = [
            models.Index(fields=["month"], name="rollup_month"),
            # the day limit's screen: only cases near the limit at all
            models.Index(fields=["present_days", "month"], name="rollup_month_near_limit"),
            # a refreshed case's groups re-summed (AttendanceGroupMonth)
            models.Index(fields=["site_id", "month"], name="rollup_month_site"),
            by_organiser("month", "month"),
        ]


class AttendanceGroupMonth(models.Model):
    """The whole-month counts of AttendanceMonth summed per month, site and the case's
    organiser, client's sex and language (no birth date): the months inside a period
    when no age group is asked, some 10× fewer rows than per placement. Kept from
    AttendanceMonth: rebuilt with it, and a refreshed case's groups re-summed."""

    month = models.DateField()
    site_id = models.BigIntegerField()
    municipality_id = models.BigIntegerField()
    sex = models.CharField(max_length=6, null=True)
    language = models.CharField(max_length=2)
    present_n = models.IntegerField(default=0)
    absent_n = models.IntegerField(default=0)
    no_service_n = models.IntegerField(default=0)
    own_sickness_n = models.IntegerField(default=0)
    child_sickness_n = models.IntegerField(default=0)
    employment_n = models.IntegerField(default=0)
    public_office_n = models.IntegerField(default=0)
    agreed_leave_n = models.IntegerField(default=0)
    other_n = models.IntegerField(default=0)

    class Meta:
        db_table = "reports_attendancegroupmonth"
        indexes = [
            models.Index(fields=["month"], name="rollup_group_month"),
            models.Index(fields=["site_id", "month"], name="rollup_group_site"),
            by_organiser("group", "month"),
        ]

    def __str__(self) -> str:
        return f"attendance of site {self.site_id} in {self.month:%m/%Y}"


class CapacityChange(_CaseKeys):
    """Per end-of-service self-assessment and domain: the score then and in the case's
    first start self-assessment (the pairs the live figure joins)."""

    assessment_id = models.BigIntegerField()
    assessed_on = models.DateField()
    # the day of the case's next end self-assessment (by day, then id): this one is the
    # latest of a period ending on E when the next is after E, or there is none
    next_on = models.DateField(null=True)
    domain_id = models.BigIntegerField()
    start_score = models.IntegerField(null=True)
    end_score = models.IntegerField(null=True)

    class Meta:
        db_table = "reports_capacitychange"
        indexes = [
            models.Index(fields=["assessed_on"], name="rollup_capacity_day"),
            by_organiser("capacity", "assessed_on"),
        ]


class RollupState(models.Model):
    """One row: when the rollups were last rebuilt in full (the report's "figures as
    of"); writes through the app update the touched cases' rows in between."""

    refreshed_at = models.DateTimeField()
    seconds = models.FloatField(default=0)

    class Meta:
        db_table = "reports_rollupstate"

    def __str__(self) -> str:
        return f"rollups refreshed at {self.refreshed_at}"

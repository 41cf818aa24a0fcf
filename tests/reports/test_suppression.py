"""Small-cell suppression: no count of 1–4 shown, and none recomputable from a total."""

from hypothesis import given
from hypothesis import strategies as st

from reports.suppression import Sum, complement, one_way, suppress, two_way

counts = st.integers(min_value=0, max_value=40)


def lone_hidden(sums, hidden) -> list:
    return [rule for rule in sums if sum(m in hidden for m in (rule.total, *rule.parts)) == 1]


@given(st.lists(counts, min_size=1, max_size=12), st.integers(min_value=2, max_value=11))
def test_one_way_table_hides_small_counts_and_what_would_reveal_them(parts, minimum):
    values = dict(enumerate(parts)) | {"total": sum(parts)}
    sums = one_way(range(len(parts)), "total")
    hidden = suppress(values, sums, minimum=minimum)
    assert {k for k, v in values.items() if 0 < v < minimum} <= hidden
    assert lone_hidden(sums, hidden) == []
    assert all(values[k] > 0 for k in hidden)  # a zero is never dressed up as "<5"


@given(
    st.lists(st.lists(counts, min_size=3, max_size=3), min_size=1, max_size=6),
    st.integers(min_value=2, max_value=8),
)
def test_cross_table_has_no_lone_hidden_cell_in_any_row_or_column(grid, minimum):
    rows, columns = range(len(grid)), range(3)
    values = {(r, c): grid[r][c] for r in rows for c in columns}
    for r in rows:
        values[(r, "t")] = sum(grid[r])
    for c in columns:
        values[("t", c)] = sum(grid[r][c] for r in rows)
    values[("t", "t")] = sum(map(sum, grid))
    sums = two_way(list(rows), list(columns), row_total="t", column_total="t")
    hidden = suppress(values, sums, minimum=minimum)
    assert {k for k, v in values.items() if 0 < v < minimum} <= hidden
    assert lone_hidden(sums, hidden) == []


def test_one_small_cell_takes_the_next_smallest_with_it():
    values = {"a": 3, "b": 20, "c": 7, "total": 30}
    assert suppress(values, one_way("abc", "total"), minimum=5) == {"a", "c"}


def test_a_small_cell_beside_zeros_hides_the_total():
    values = {"a": 3, "b": 0, "total": 3}
    assert suppress(values, one_way("ab", "total"), minimum=5) == {"a", "total"}


def test_large_counts_are_all_shown():
    values = {"a": 5, "b": 12, "total": 17}
    assert suppress(values, [Sum("total", ("a", "b"))], minimum=5) == set()


def test_threshold_is_a_parameter():
    values = {"a": 6, "b": 12, "total": 18}
    assert suppress(values, [Sum("total", ("a", "b"))], minimum=10) == {"a", "b"}


@given(
    st.integers(min_value=0, max_value=60),
    st.lists(st.integers(min_value=0, max_value=60), max_size=8),
    st.integers(min_value=2, max_value=11),
)
def test_no_shown_subset_leaves_a_small_count_outside_its_shown_whole(whole, parts, minimum):
    values = {i: min(part, whole) for i, part in enumerate(parts)}  # subsets of the whole
    hidden = complement(values, whole, whole_hidden=False, minimum=minimum)
    shown = [v for k, v in values.items() if k not in hidden]
    assert not [v for v in shown if 0 < whole - v < minimum]
    assert all(0 < whole - values[k] < minimum for k in hidden)  # and nothing more


def test_a_hidden_whole_cannot_be_subtracted_from():
    assert complement({"a": 3}, 4, whole_hidden=True, minimum=5) == set()

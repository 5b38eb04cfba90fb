"""What a failed comparison tells the learner: the figures it was judged on, numbers that visibly differ, the right mistake."""

import re

import numpy as np
import pytest

from quizprep.grading.api import (
    ATOL,
    RTOL,
    CheckFailed,
    expect_array,
    expect_gradient,
    expect_scalar,
    likely_mistake,
    rel_error,
    within_tolerance,
)


def failure(fn, *args, **kwargs) -> CheckFailed:
    with pytest.raises(CheckFailed) as info:
        fn(*args, **kwargs)
    return info.value


def shown(failed: CheckFailed) -> str:
    return " | ".join([failed.message, *failed.diagnosis])


def test_relative_error_is_cs231n_definition():
    # |a - b| / max(1e-8, |a| + |b|), worked out by hand
    assert rel_error(np.array([3.0]), np.array([1.0])) == pytest.approx(2 / 4)
    assert rel_error(np.array([0.0]), np.array([1e-12])) == pytest.approx(1e-12 / 1e-8)
    assert rel_error(np.array([1.0, -2.0]), np.array([1.0, -1.0])) == pytest.approx(1 / 3)


def test_tolerance_and_message_use_the_same_relative_error():
    # 1 + 3e-7 against 1: relative error 3e-7 / (2 + 3e-7) = 1.5e-7 > RTOL = 1e-7, abs error 3e-7 > ATOL
    got, want = np.array([1.0 + 3e-7, 2.0]), np.array([1.0, 2.0])
    text = shown(failure(expect_array, got, want))
    printed = float(re.search(r"relative error ([0-9.e+-]+) \(tolerance", text).group(1))
    assert printed == pytest.approx(3e-7 / (2 + 3e-7), rel=1e-2)
    assert printed > RTOL
    assert f"(tolerance {RTOL:g})" in text and f"(tolerance {ATOL:g})" in text
    # just inside by that same definition: 1.8e-7 / (2 + 1.8e-7) = 9e-8 passes
    expect_array(np.array([1.0 + 1.8e-7, 2.0]), want)


def test_within_tolerance_matches_its_definition():
    want = np.array([1.0, 0.0, 5.0, np.inf])
    got = np.array([1.0 + 1.9e-7, 5e-11, 5.0 + 5e-6, np.inf])
    # 1.9e-7 / 2 = 9.5e-8 <= 1e-7; 5e-11 <= ATOL; 5e-6 / 10 = 5e-7 > 1e-7; inf == inf
    assert within_tolerance(got, want).tolist() == [True, True, False, True]
    assert not within_tolerance(np.array([np.nan]), np.array([np.nan])).any()


@pytest.mark.parametrize("want,got", [(0.964244213, 0.964244513), (0.0136923234, 0.0136923101), (1.0, 1.0 + 4e-7)])
def test_a_failing_scalar_never_prints_two_equal_numbers(want, got):
    text = shown(failure(expect_scalar, got, want))
    expected, actual = re.search(r"expected (\S+), got (\S+):", text).groups()
    assert expected != actual
    # each printed figure is nearer its own value than the other one
    assert abs(float(expected) - want) < abs(float(expected) - got) and abs(float(actual) - got) < abs(float(actual) - want)


def test_a_failing_array_never_prints_two_equal_numbers():
    want = np.array([0.9642442, 0.302773, 0.0136923234])
    got = want + np.array([3e-8, 1e-8, 1.4e-8])  # each at least 1e-7 relative, far below 6 significant digits
    text = shown(failure(expect_array, got, want))
    expected_line = re.search(r"expected: (\[.*?\])", text).group(1)
    got_line = re.search(r"got: +(\[.*?\])", text).group(1)
    assert expected_line != got_line
    worst = re.search(r"the worst, at \[(\d)\]: expected (\S+), got (\S+):", text).groups()
    assert worst[1] != worst[2]


def test_a_failing_gradient_prints_distinct_numbers_and_its_threshold_figure():
    numeric = np.array([0.5, -1.25])
    analytic = numeric * (1 + 4e-7)  # relative error 4e-7 / (2 + 4e-7) = 2e-7 > 1e-7
    failed = failure(expect_gradient, analytic, numeric)
    printed = float(re.search(r"relative error ([0-9.e+-]+), threshold", failed.message).group(1))
    assert printed == pytest.approx(2e-7, rel=1e-2)
    fd, yours = re.search(r"finite differences (\S+), yours (\S+),", shown(failed)).groups()
    assert fd != yours


def test_keepdims_result_is_named_by_its_shape_not_as_a_missing_sum():
    want = np.array([0.5, -1.0, 2.0])
    text = shown(failure(expect_array, want[None, :], want))
    assert "shape (1, 3), expected (3,)" in text
    assert "keepdims" in text and "missing sum" not in text


def test_a_real_missing_sum_is_still_named():
    per_example = np.array([[0.5, -1.0, 2.0], [1.0, 1.0, 1.0]])
    assert "missing sum over the batch axis" in likely_mistake(per_example, per_example.sum(axis=0))


@pytest.mark.parametrize("digits", [2, 3, 4, 6])
def test_rounded_results_are_named_as_rounding(digits):
    want = np.random.default_rng(digits).normal(size=(3, 4))
    text = shown(failure(expect_array, np.round(want, digits), want))
    assert f"rounded to {digits} decimals" in text and "constant factor" not in text


def test_a_rounded_scalar_is_rounding_not_a_constant_factor():
    text = shown(failure(expect_scalar, round(1.413225981, 4), 1.413225981))
    assert "rounded to 4 decimals" in text and "constant factor" not in text


def test_a_wrong_scalar_is_never_called_a_constant_factor():
    text = shown(failure(expect_scalar, 0.731, 0.964244))
    assert "constant factor" not in text


def test_a_real_constant_factor_is_still_named():
    want = np.array([0.3, -1.7, 2.9])
    assert "2 times the expected one" in likely_mistake(2 * want, want)


def test_a_numpy_scalar_is_the_answer_for_a_0d_input():
    # 1 - np.tanh(x)**2 is a np.float64 when x has shape (): right for a 0-d input, dtype still checked
    expect_array(np.float64(0.25), np.array(0.25))
    assert "dtype float32" in shown(failure(expect_array, np.float32(0.25), np.array(0.25)))
    assert "shape (3,)" in shown(failure(expect_array, np.float64(0.25), np.zeros(3)))


def test_rounding_to_significant_digits_is_named():
    want = np.array([1234.5678, 0.00123456, -56.789])
    got = np.array([float(f"{v:.3g}") for v in want])  # 1230, 0.00123, -56.8
    assert "rounded to 3 significant digits" in shown(failure(expect_array, got, want))


def test_float32_computation_cast_back_always_fails_with_its_own_message():
    want = np.random.default_rng(5).normal(size=(4, 4))
    cast = want.astype(np.float32).astype(np.float64)  # within 6e-8 relative: inside RTOL on many entries
    text = shown(failure(expect_array, cast, want))
    assert "float32 precision" in text
    # exact float32 numbers that ARE the answer (0, 1, 0.25) are fine
    expect_array(np.array([0.0, 1.0, 0.25]), np.array([0.0, 1.0, 0.25]))


def test_the_authoring_guide_names_only_real_checking_api():
    from pathlib import Path

    from quizprep.grading import api

    guide = (Path(__file__).resolve().parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = guide.split("### The checking API", 1)[1].split("A complete example", 1)[0]
    first_cells = [line.split(" | ")[0] for line in section.splitlines() if line.startswith("| `")]
    names = {name for cell in first_cells for name in re.findall(r"`([A-Za-z_][A-Za-z_0-9]*)", cell)}
    names -= {"learner", "reference", "run_once"}  # the fixtures and their methods, not api names
    assert {"expect_array", "relative_errors", "within_tolerance", "LOG_EPS_MAX"} <= names
    assert sorted(n for n in names if n not in api.__all__) == []


@pytest.mark.parametrize("a,b", [(0.0199999999, 0.0200000001), (1.0, 1.0 + 2**-52), (123456.7, 123456.8)])
def test_distinct_digits_makes_every_pair_print_differently(a, b):
    from quizprep.grading.api import distinct_digits

    n = distinct_digits([(a, b)])
    assert n >= 6 and f"{a:.{n}g}" != f"{b:.{n}g}"
    assert distinct_digits([(0.5, 0.5)]) == 6  # equal numbers need no more than the default

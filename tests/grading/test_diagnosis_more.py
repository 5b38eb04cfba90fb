"""Naming the mistake: each pattern `likely_mistake` knows, and the lines a failed check shows around it.

Every wrong value here is built from the right one by the mistake it should be named as (a
transpose, a sign, a batch factor), so the test says what the learner did, not what the code prints.
"""

import numpy as np
import pytest

from quizprep.grading.diagnosis import (
    CheckFailed,
    describe_type,
    expect_array,
    expect_float64_precision,
    expect_scalar,
    expect_unchanged,
    likely_mistake,
)
from quizprep.grading.wire import Unsupported

RNG = np.random.default_rng(12)
WANT = RNG.normal(size=(2, 3))  # no symmetry, no zeros, no two entries alike


def failure(fn, *args, **kwargs) -> CheckFailed:
    with pytest.raises(CheckFailed) as info:
        fn(*args, **kwargs)
    return info.value


def shown(failed: CheckFailed) -> str:
    return " | ".join([failed.message, *failed.diagnosis])


# -- likely_mistake, one pattern at a time ---------------------------------------------------


def test_a_named_alternative_wins_over_every_built_in_pattern():
    # the alternative happens to be the sign flip too: the exercise's own name for it is more useful
    assert likely_mistake(-WANT, WANT, alternatives={"log instead of log1p": -WANT}) == "log instead of log1p"


def test_an_alternative_matches_with_nan_in_the_same_places():
    alt = WANT.copy()
    alt[0, 1] = np.nan
    assert likely_mistake(alt.copy(), WANT, alternatives={"no max subtraction": alt}) == "no max subtraction"


def test_an_alternative_of_another_shape_is_not_taken():
    assert likely_mistake(-WANT, WANT, alternatives={"other": -WANT.T}) == "the sign is flipped"


def test_a_transposed_result_of_another_shape_is_named():
    assert "transposed" in likely_mistake(WANT.T.copy(), WANT)


def test_a_transposed_square_result_is_named():
    want = RNG.normal(size=(3, 3))
    assert "transposed" in likely_mistake(want.T.copy(), want)


def test_a_reshape_that_looks_like_a_transpose_is_the_wrong_shape_not_a_transpose():
    got = WANT.reshape(3, 2)  # same numbers, row-major order kept: not WANT.T
    text = likely_mistake(got, WANT)
    assert "wrong shape" in text and "transposed" not in text


def test_a_flattened_result_is_the_wrong_shape():
    assert likely_mistake(WANT.ravel(), WANT) == "the right numbers in the wrong shape — return shape (2, 3), not (6,)"


def test_per_example_values_that_average_to_the_answer_are_named():
    want = np.array([1.0, 2.0, 3.0])
    got = np.array([[0.0, 2.0, 6.0], [2.0, 2.0, 0.0]])  # mean over rows is want, sum is 2 * want
    assert "per-example result" in likely_mistake(got, want)


def test_an_unrelated_shape_is_not_given_a_name():
    assert likely_mistake(np.ones((4, 5)), WANT) is None


def test_nan_where_the_answer_is_finite_is_named():
    got = WANT.copy()
    got[1, 2] = np.inf
    assert "NaN or inf" in likely_mistake(got, WANT)


def test_a_flipped_sign_is_named():
    assert likely_mistake(-WANT, WANT) == "the sign is flipped"


def test_a_missing_mean_over_the_batch_is_named_with_the_batch_size():
    assert "off by a factor of the batch size (4)" in likely_mistake(WANT * 4, WANT, batch_size=4)


def test_dividing_by_the_batch_twice_is_named():
    assert "divided by the batch size (4) once too often" in likely_mistake(WANT / 4, WANT, batch_size=4)


def test_without_a_batch_size_a_factor_is_a_constant_factor():
    assert "every value is 4 times the expected one" in likely_mistake(WANT * 4, WANT)


def test_a_batch_of_one_is_never_blamed_on_the_batch():
    text = likely_mistake(WANT * 3, WANT, batch_size=1)
    assert "batch" not in text and "3 times" in text


def test_zeroed_entries_point_at_the_mask():
    want = np.array([0.5, -1.0, 2.0, 0.3])
    got = np.array([0.5, 0.0, 2.0, 0.3])  # the -1.0 masked away, as x > 0 against x >= 0 would
    assert "some entries are 0 where they should not be" in likely_mistake(got, want)


def test_a_plainly_wrong_value_gets_no_invented_name():
    assert likely_mistake(RNG.normal(size=(2, 3)), WANT) is None


def test_a_right_value_has_no_mistake():
    assert likely_mistake(WANT.copy(), WANT) is None


# -- what a failed expect_array shows ----------------------------------------------------------


def test_none_asks_whether_return_was_forgotten():
    text = shown(failure(expect_array, None, WANT))
    assert "should be an array of shape (2, 3), got None" in text and "forget `return`" in text


def test_a_list_is_asked_to_be_an_array():
    text = shown(failure(expect_array, WANT.tolist(), WANT))
    assert "should be a numpy array, got a list" in text and "np.array" in text


def test_a_bool_array_is_a_dtype_error_with_the_conversion():
    text = shown(failure(expect_array, WANT > 0, WANT))
    assert "has dtype bool, expected float64" in text and ".astype(np.float64)" in text


def test_a_float32_result_is_asked_to_stay_float64():
    text = shown(failure(expect_array, WANT.astype(np.float32), WANT))
    assert "has dtype float32, expected float64" in text and "keep float64 throughout" in text


def test_an_object_that_is_not_data_is_described_by_its_type():
    text = shown(failure(expect_array, Unsupported("Tensor", "tensor([1.])"), WANT))
    assert "an object of type Tensor (tensor([1.]))" in text


def test_a_shape_failure_carries_the_named_mistake_and_the_inputs():
    failed = failure(expect_array, WANT.T.copy(), WANT, name="dW", inputs={"x": np.zeros((2, 4)), "lr": np.float64(0.5)})
    assert failed.message == "dW has shape (3, 2), expected (2, 3)"
    assert failed.diagnosis[0].startswith("input x: shape (2, 4), lr = ")
    assert failed.diagnosis[-1].startswith("likely mistake: the result is transposed")


def test_the_worst_entry_is_the_one_furthest_outside_its_tolerance():
    want = np.ones((2, 2))
    got = np.array([[1.0, 1.0 + 1e-6], [1.0 + 1e-3, 1.0]])  # both outside; [1, 0] by far the worse
    text = shown(failure(expect_array, got, want))
    assert "2 of 4 entries outside the tolerance; the worst, at [1, 0]" in text


def test_exercise_lines_are_added_to_any_failure():
    failed = failure(expect_array, -WANT, WANT, extra=("the gradient of relu is 0 for x < 0",))
    assert failed.diagnosis[-1] == "the gradient of relu is 0 for x < 0"
    assert "likely mistake: the sign is flipped" in failed.diagnosis


# -- expect_scalar, expect_unchanged, expect_float64_precision, describe_type ------------------------


def test_a_scalar_given_as_an_array_is_asked_for_a_float():
    text = shown(failure(expect_scalar, np.array([0.5]), 0.5))
    assert "should be a plain float, got an array of shape (1,)" in text and "float(...)" in text


@pytest.mark.parametrize("got, kind", [(True, "a bool"), ("0.5", "a str"), (None, "None")])
def test_a_scalar_of_another_kind_is_named(got, kind):
    assert f"should be a float, got {kind}" in failure(expect_scalar, got, 0.5).message


def test_a_scalar_off_by_the_batch_size_is_named():
    assert "factor of the batch size (8)" in shown(failure(expect_scalar, 8 * 0.731, 0.731, batch_size=8))


def test_an_integer_that_is_the_answer_passes_as_a_scalar():
    expect_scalar(3, 3.0)
    expect_scalar(np.int64(3), 3.0)


def test_an_input_changed_in_place_is_named():
    before = np.array([1.0, -2.0, np.nan])
    expect_unchanged(before, before.copy())  # NaN in the same place is unchanged
    after = before.copy()
    after[1] = 0.0
    assert failure(expect_unchanged, before, after, name="x").message == "your function modified its input `x` in place"
    assert failure(expect_unchanged, before, None).message.startswith("your function modified")


def test_lower_precision_gets_the_exercises_own_hint():
    failed = failure(expect_float64_precision, np.zeros(2, dtype=np.float16), hint="no .astype(np.float16) in the update")
    assert failed.message == "the result has dtype float16, expected float64" and failed.diagnosis == ("no .astype(np.float16) in the update",)
    expect_float64_precision(np.zeros(2))
    expect_float64_precision(np.zeros(2, dtype=np.int64))  # not a float array: left to expect_array
    expect_float64_precision([1.0])


def test_describe_type_reads_as_a_learner_would():
    assert describe_type(None) == "None"
    assert describe_type(np.zeros((2, 1), dtype=np.float32)) == "an array of shape (2, 1) and dtype float32"
    assert describe_type(0.5) == "a float (0.5)"
    assert len(describe_type("z" * 1000)) == 200

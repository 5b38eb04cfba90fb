"""Checks for clip_grad_norm: one global L2 norm, every array scaled in place by max_norm / norm, norm returned.

Every call of the grade runs in one sandboxed process (`every_clip`), each check's input its own
`guarded` part with arrays of its own (clip_grad_norm scales them in place), so a clip_grad_norm that
raises on one input fails that input's checks only.
"""

import numpy as np
import pytest

from quizprep.grading.api import CheckFailed, describe_type, expect_array, expect_scalar, expect_true, guarded, seeded, shape_id

# Clipped values are compared at CLIP_RTOL, looser than the default RTOL on purpose: PyTorch's
# clip_grad_norm_ divides by (total_norm + 1e-6), and a learner who copies it is off by
# 1e-6 / total_norm <= 1e-6 relative here (every total_norm below is >= 1). Every real mistake
# (per-array norms, np.clip, sum of norms, a missing sqrt) is off by more than 1e-2 relative.
CLIP_RTOL = 1e-5
# The clipped gradients must point exactly the same way as before: cosine similarity 1 up to rounding.
COSINE_TOL = 1e-12

MISTAKES = {
    "per_array": "each array was clipped by its own norm — compute one global norm over all arrays "
                 "(sqrt of the sum of every squared entry) and scale every array by the same factor",
    "by_value": "the values were clipped one by one (np.clip) — clipping by norm rescales every array by "
                "max_norm / total_norm, which keeps the direction",
    "sum_of_norms": "the norms of the arrays were added up — the global norm is the square root of the sum of "
                    "their SQUARED norms, not the sum of their norms",
    "squared": "the square root is missing — the global norm is sqrt(sum of g ** 2 over every array)",
    "always": "gradients whose norm was below max_norm were scaled up — only clip when total_norm > max_norm",
}
NORM_AFTER = ("it returned the norm after clipping — return total_norm as measured before scaling "
              "(that is the number you log to spot exploding gradients)")


def call(m, grads, max_norm):
    """clip_grad_norm on grads; what the caller sees afterwards."""
    held = list(grads)  # the model's own gradient arrays
    norm = m.clip_grad_norm(grads, max_norm)
    return {"norm": norm, "held": held, "same": [a is b for a, b in zip(held, grads, strict=False)]}


def global_norm(grads):
    return float(np.sqrt(sum(float(np.sum(np.square(g))) for g in grads)))


def clipped(grads, max_norm, mistake=None):
    """Trusted: the grads after clipping, correctly or with one of MISTAKES."""
    if mistake == "by_value":
        return [np.clip(g, -max_norm, max_norm) for g in grads]
    if mistake == "per_array":
        return [g * min(1.0, max_norm / n) if (n := global_norm([g])) > 0 else g.copy() for g in grads]
    total = {"sum_of_norms": sum(global_norm([g]) for g in grads),
             "squared": global_norm(grads) ** 2}.get(mistake, global_norm(grads))
    scale = max_norm / total if (total > max_norm or mistake == "always") else 1.0
    return [g * scale for g in grads]


def norm_alternatives(grads, max_norm):
    total = global_norm(grads)
    return {NORM_AFTER: min(total, max_norm), MISTAKES["sum_of_norms"]: sum(global_norm([g]) for g in grads),
            MISTAKES["squared"]: total ** 2}


def expect_clipped(out, grads, max_norm, *, what, rtol=CLIP_RTOL):
    """The caller's arrays after the call equal the correctly clipped grads; name the mistake if not."""
    want = clipped(grads, max_norm)
    total = global_norm(grads)
    for i, (g, after) in enumerate(zip(grads, out["held"], strict=True)):
        if np.array_equal(after, g) and not np.allclose(want[i], g, rtol=rtol, atol=0):
            if not out["same"][i]:
                raise CheckFailed(f"grads[{i}] was replaced by a new array, so the array the caller holds was not clipped",
                                  ("scale the arrays themselves: for g in grads: g *= max_norm / total_norm",))
            raise CheckFailed(f"grads[{i}] was not changed although the global norm {total:.6g} is above max_norm {max_norm:g}",
                              ("clip in place: the caller keeps using its own arrays, so returning new arrays "
                               "or writing g = g * scale in a loop leaves them unclipped — write g *= scale",))
    for i, g in enumerate(grads):
        alt = {text: clipped(grads, max_norm, key)[i] for key, text in MISTAKES.items()}
        expect_array(out["held"][i], want[i], name=f"grads[{i}] after clip_grad_norm({what})", rtol=rtol,
                     inputs={f"grads[{i}]": g}, alternatives=alt)


def many(seed, shapes, scale=3.0):
    rng = seeded(seed)
    return [scale * rng.normal(size=s) for s in shapes]


def _below(shapes):
    grads = many(10 + len(shapes), shapes, scale=0.1)
    return grads, 2.0 * global_norm(grads)


BELOW = [[(3,)], [(2, 3), (4,), (1,)]]
MATCH = [(20, [(10,)]), (21, [(4, 3), (3,)]), (22, [(2, 3, 2), (1,), (5,), (3, 3), (7, 1), (2,), (4, 4), (1, 1)])]
DIRECTION = [(30, 0.5), (31, 4.0)]
# The contract allows arrays "of any shapes": a 0-d array (a scalar parameter such as a learned
# temperature) and an empty one must be clipped like the rest, and `g[:] *= scale` fails on the first.
ODD_SHAPES = {
    "0-d array clipped": ([np.array(6.0), np.array([[2.0, -3.0]]), np.array(-2.0)], 1.0),
    "only 0-d arrays": ([np.array(3.0), np.array(-4.0)], 2.5),
    "0-d array below max_norm": ([np.array(0.3), np.array([0.4])], 1.0),
    "empty array among others": ([np.zeros((0,)), np.array([3.0, 4.0]), np.zeros((2, 0))], 1.0),
}


# --- every input of the grade: (grads, max_norm) per part of the shared run --------------------------
# Every part has arrays of its own: clip_grad_norm scales them in place, and the parts run one after
# the other in one process, where arrays shared between two parts would reach the second one clipped.

RUNS = {
    "hand example": ([np.array([3.0, 4.0]), np.array([12.0])], 1.0),
    "norm before clipping": (many(1, [(4, 3), (5,)]), 1.0),
    **{f"below {'+'.join(map(shape_id, s))}": _below(s) for s in BELOW},
    "at the threshold": ([np.array([3.0, 4.0]), np.array([12.0])], 13.0),
    **{f"match {seed}": (many(seed, shapes), 1.5) for seed, shapes in MATCH},
    **{f"direction {seed}": (many(seed, [(3, 4), (6,), (2, 2)]), max_norm) for seed, max_norm in DIRECTION},
    # one exploding array dominates the global norm; the others must be scaled by the same factor,
    # even though each of them alone is well below max_norm
    "huge array": ([np.full(4, 50.0), np.array([0.1, -0.2]), np.array([[0.05]])], 1.0),
    "in place": (many(40, [(2, 3), (4,)]), 1.0),
    **{f"odd {case}": ODD_SHAPES[case] for case in ODD_SHAPES},
    # a frozen layer gives zero gradients: the global norm is 0, nothing to clip, and no division by 0
    "all zero": ([np.zeros((2, 3)), np.zeros(4)], 1.0),
}


def every_clip(m):
    """Every call of the grade in one sandboxed run, each a part of its own."""
    return {name: guarded(m, call, grads, max_norm) for name, (grads, max_norm) in RUNS.items()}


def run(learner, name):
    """What the caller of part `name` sees, and that part's (grads, max_norm) as the check has them, untouched."""
    return learner.part(every_clip, name).value, *RUNS[name]


def test_hand_example_3_4_and_12_clipped_to_norm_1(learner):
    out, grads, _ = run(learner, "hand example")
    # sqrt(9 + 16 + 144) = 13, so every entry is divided by 13
    want = [np.array([3.0, 4.0]) / 13.0, np.array([12.0]) / 13.0]
    expect_clipped(out, grads, 1.0, what="[[3, 4], [12]], max_norm=1")
    for i in range(2):  # the trusted clipped() agrees with the hand computation
        expect_array(out["held"][i], want[i], name=f"grads[{i}] after clip_grad_norm([[3, 4], [12]], max_norm=1)", rtol=CLIP_RTOL)
    expect_scalar(out["norm"], 13.0, name="the norm returned for [[3, 4], [12]]", alternatives=norm_alternatives(grads, 1.0))


def test_returns_the_norm_before_clipping_as_a_float(learner):
    out, grads, _ = run(learner, "norm before clipping")
    norm = out["norm"]
    expect_true(isinstance(norm, (float, np.floating)) and not isinstance(norm, np.ndarray),
                f"clip_grad_norm should return a float, got {describe_type(norm)}",
                "return float(total_norm)" if isinstance(norm, np.ndarray) else "did you forget `return total_norm`?")
    expect_scalar(norm, global_norm(grads), name="the norm returned", alternatives=norm_alternatives(grads, 1.0))


@pytest.mark.parametrize("shapes", BELOW, ids=["+".join(map(shape_id, s)) for s in BELOW])
def test_below_the_threshold_grads_are_exactly_unchanged(learner, shapes):
    out, grads, max_norm = run(learner, f"below {'+'.join(map(shape_id, shapes))}")
    for i, (g, after) in enumerate(zip(grads, out["held"], strict=True)):
        if not np.array_equal(after, g):
            alt = {MISTAKES["always"]: clipped(grads, max_norm, "always")[i]}
            expect_array(after, g, name=f"grads[{i}] after clipping to max_norm={max_norm:.4g} "
                         f"(the global norm {global_norm(grads):.4g} is already below it)", alternatives=alt)
            raise CheckFailed(f"grads[{i}] changed although the global norm is below max_norm",
                              ("leave the gradients untouched when total_norm <= max_norm",))
    expect_scalar(out["norm"], global_norm(grads), name="the norm returned when nothing is clipped",
                  alternatives=norm_alternatives(grads, max_norm))


def test_exactly_at_the_threshold_nothing_is_scaled(learner):
    out, grads, _ = run(learner, "at the threshold")
    for i, (g, after) in enumerate(zip(grads, out["held"], strict=True)):
        expect_array(after, g, name=f"grads[{i}] with max_norm equal to the global norm 13", rtol=CLIP_RTOL)
    expect_scalar(out["norm"], 13.0, name="the norm returned for [[3, 4], [12]] with max_norm=13")


@pytest.mark.parametrize("seed,shapes", MATCH, ids=["+".join(map(shape_id, c[1])) for c in MATCH])
def test_matches_reference(learner, reference, seed, shapes):
    out, grads, max_norm = run(learner, f"match {seed}")
    want = reference.run(call, grads, max_norm)
    expect_clipped(out, grads, 1.5, what=f"{len(shapes)} arrays, max_norm=1.5")
    for i in range(len(shapes)):
        expect_array(out["held"][i], want["held"][i], name=f"grads[{i}] after clipping to max_norm=1.5", rtol=CLIP_RTOL)
    expect_scalar(out["norm"], want["norm"], name="the norm returned", alternatives=norm_alternatives(grads, 1.5))


@pytest.mark.parametrize("seed,max_norm", DIRECTION)
def test_clipped_grads_keep_their_direction_and_have_norm_max_norm(learner, seed, max_norm):
    out, grads, _ = run(learner, f"direction {seed}")
    expect_clipped(out, grads, max_norm, what=f"3 arrays, max_norm={max_norm}")
    before = np.concatenate([g.ravel() for g in grads])
    after = np.concatenate([np.asarray(a, dtype=np.float64).ravel() for a in out["held"]])
    cosine = float(before @ after / (np.linalg.norm(before) * np.linalg.norm(after)))
    expect_true(abs(cosine - 1.0) < COSINE_TOL, f"the clipped gradients point in another direction (cosine similarity {cosine:.9f})",
                "clipping by norm multiplies every array by the same positive factor")
    expect_scalar(global_norm(out["held"]), max_norm, rtol=CLIP_RTOL, name="the global norm after clipping")


def test_a_huge_array_shrinks_the_small_ones_too(learner):
    out, grads, _ = run(learner, "huge array")
    expect_clipped(out, grads, 1.0, what="[[50, 50, 50, 50], [0.1, -0.2], [[0.05]]], max_norm=1")
    expect_scalar(out["norm"], global_norm(grads), name="the norm returned", alternatives=norm_alternatives(grads, 1.0))


def test_updates_grads_in_place(learner):
    out, grads, _ = run(learner, "in place")
    expect_clipped(out, grads, 1.0, what="2 arrays, max_norm=1")
    for i, same in enumerate(out["same"]):
        expect_true(same, f"clip_grad_norm put a different object in grads[{i}]",
                    "scale the arrays you were given (g *= scale); the caller's references must see the new values")


@pytest.mark.parametrize("case", list(ODD_SHAPES))
def test_arrays_of_any_shape_including_0d_and_empty(learner, case):
    out, grads, max_norm = run(learner, f"odd {case}")
    shapes = ", ".join(str(g.shape) for g in grads)
    for i, after in enumerate(out["held"]):
        expect_true(isinstance(after, np.ndarray) and after.shape == grads[i].shape,
                    f"grads[{i}] (shape {grads[i].shape}) came back as {describe_type(after)}",
                    "scale each array in place with g *= scale: it works for every shape, 0-d included "
                    "(g[:] needs at least one axis)")
    expect_clipped(out, grads, max_norm, what=f"arrays of shapes {shapes}, max_norm={max_norm:g}")
    expect_scalar(out["norm"], global_norm(grads), name=f"the norm returned for arrays of shapes {shapes}",
                  alternatives=norm_alternatives(grads, max_norm))


def test_all_zero_gradients_stay_zero(learner):
    out, grads, _ = run(learner, "all zero")
    for i, after in enumerate(out["held"]):
        expect_array(after, grads[i], name=f"grads[{i}] after clipping all-zero gradients",
                     extra=("with total_norm = 0 there is nothing to clip: compute max_norm / total_norm only when "
                            "total_norm > max_norm",))
    expect_scalar(out["norm"], 0.0, name="the norm returned for all-zero gradients")

"""The float32 figures quoted by `gc-epsilon-in-log-vs-gradient`, reproduced by running the check.

The question describes a gradient check of a small two-layer ReLU network (4 examples, h = 1e-5) and
one distractor claims the arrays are float32. Its `why` says what float32 would really give: every
numerical estimate off by about 1e-3 to 1e-2 (the loss is rounded to about 1.2e-7 * |L| and the
difference of two losses is divided by 2h = 2e-5), relative errors around 1e-2, and 0.1 to 1 for
coordinates with small gradients. The same check in float64 stays far below 1e-7 once the loss has no
epsilon inside the log.
"""

import numpy as np
import pytest

from quizprep.bank import load_banks
from quizprep.paths import content_dir

N, D, H, C, STEP = 4, 5, 10, 3, 1e-5


def _network(seed, dtype):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((N, D)).astype(dtype)
    y = np.eye(C, dtype=dtype)[rng.integers(0, C, N)]
    params = {
        "W1": (rng.standard_normal((D, H)) * np.sqrt(2 / D)).astype(dtype), "b1": np.zeros(H, dtype),
        "W2": (rng.standard_normal((H, C)) * np.sqrt(2 / H)).astype(dtype), "b2": np.zeros(C, dtype),
    }
    return x, y, params


def _forward(x, y, p, eps):
    z1 = x @ p["W1"] + p["b1"]
    a1 = np.maximum(0, z1)
    z2 = a1 @ p["W2"] + p["b2"]
    e = np.exp(z2 - z2.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    loss = -np.sum(y * np.log(probs + probs.dtype.type(eps))) / N
    return loss, z1, a1, probs


def _relative_errors(seed, dtype, eps):
    """Relative errors |a - n| / (|a| + |n|) of every coordinate whose analytic gradient is non-zero."""
    x, y, p = _network(seed, dtype)
    _, z1, a1, probs = _forward(x, y, p, eps)
    d_z2 = (probs - y) / N
    d_z1 = (d_z2 @ p["W2"].T) * (z1 > 0)
    analytic = {"W1": x.T @ d_z1, "b1": d_z1.sum(axis=0), "W2": a1.T @ d_z2, "b2": d_z2.sum(axis=0)}
    h = dtype(STEP)
    errors, abs_errors, sizes = [], [], []
    for name, value in p.items():
        for i in range(value.size):
            old = value.flat[i]
            value.flat[i] = old + h
            plus = _forward(x, y, p, eps)[0]
            value.flat[i] = old - h
            minus = _forward(x, y, p, eps)[0]
            value.flat[i] = old
            numeric = float(plus - minus) / (2 * STEP)
            a = float(analytic[name].flat[i])
            if a != 0.0:
                errors.append(abs(a - numeric) / (abs(a) + abs(numeric)))
                abs_errors.append(abs(a - numeric))
                sizes.append(abs(a))
    return np.array(errors), np.array(abs_errors), np.array(sizes)


@pytest.mark.parametrize("seed", range(4))
def test_float32_check_of_the_network_is_near_1e_2_not_1e_3(seed):
    rel, err, size = _relative_errors(seed, np.float32, 1e-8)
    assert 1e-4 < np.median(err) < 2e-2                  # each estimate is off by about 1e-3 to 1e-2
    assert 0.02 < np.median(size) < 0.15                 # against gradients typically below 0.15
    assert 5e-3 < np.median(rel) < 5e-2                  # so relative errors sit around 1e-2 ...
    assert rel.max() > 0.1                               # ... and reach 0.1 to 1 on small gradients


@pytest.mark.parametrize("seed", range(4))
def test_float64_check_without_epsilon_is_far_below_1e_7(seed):
    rel, _, _ = _relative_errors(seed, np.float64, 0.0)
    assert rel.max() < 1e-6 and np.median(rel) < 1e-8


def test_the_distractor_quotes_the_computed_magnitudes():
    question = next(q for q in load_banks([content_dir("question_bank")]).questions
                    if q.id == "gc-epsilon-in-log-vs-gradient")
    why = next(c.why for c in question.choices if c.text.startswith("The arrays are float32"))
    assert "near 1e-3" not in why
    assert "1e-2" in why

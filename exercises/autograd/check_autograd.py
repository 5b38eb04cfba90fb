"""Checks for autograd: each backward rule, accumulation, reverse topological order, deep and shared graphs.

Each probe builds expressions from the learner's Value inside its process and sends back only
numbers: the output's data and the leaves' grads. Here they are compared with derivatives worked
out with math, with central finite differences of the same expression evaluated on plain floats,
and, to name a mistake, with what a trusted copy of the engine (`Sim`) gives when it makes that
mistake on the same expression.

Every expression of the grade is built and differentiated in one sandboxed run (`every_group`), one
`guarded` part per check, so an exception in one rule fails the checks whose expressions use it only.
A mistake is named (which runs the trusted engine a dozen times) only for grads that are wrong.
"""

import math
from dataclasses import dataclass

import numpy as np

from quizprep.grading.api import CheckFailed, describe_type, expect_array, expect_gradient, guarded, numerical_gradient

# Learner and check compute the same float64 products in possibly another order (a shared leaf adds its
# contributions in its own order): ~1e-15 relative per operation, ~1e-13 over the 300-node chain.
# The defaults (1e-7 relative, 1e-10 absolute) leave room for that and reject any real mistake.
RTOL = 1e-7
ATOL = 1e-10
CHAIN_STEPS = 150  # 300 nested nodes: a recursive topological sort stays far below Python's limit of 1000 frames


# --- expressions work on the learner's Value, on Sim, and on plain floats (for finite differences) ----

def relu(v):
    return max(v, 0.0) if isinstance(v, (int, float)) else v.relu()


def tanh(v):
    return math.tanh(v) if isinstance(v, (int, float)) else v.tanh()


def exp(v):
    return math.exp(v) if isinstance(v, (int, float)) else v.exp()


@dataclass(frozen=True)
class Case:
    """out = expr(*leaves) at xs, and [d out / d leaf] worked out by hand."""

    text: str
    expr: object
    xs: tuple
    grads: tuple

    @property
    def where(self) -> str:
        return ", ".join(f"{name}={x:g}" for name, x in zip("abcd", self.xs, strict=False))

    @property
    def grad_names(self) -> str:
        if len(self.xs) > 4:
            return f"the {len(self.xs)} leaves' grads"
        return "[" + ", ".join(f"{name}.grad" for name in "abcd"[: len(self.xs)]) + "]"


def backprop(m, cases):
    """For each case: leaves as Values, forward, backward; report the numbers."""
    results = []
    for case in cases:
        leaves = [m.Value(x) for x in case.xs]
        out = case.expr(*leaves)
        out.backward()
        results.append({"data": out.data, "grads": [v.grad for v in leaves], "out_grad": out.grad})
    return results


# --- a trusted engine that can make one named mistake --------------------------------------------------

MISTAKES = {
    "no_seed": "the output's grad was never seeded — set self.grad = 1.0 (d out / d out) before walking the graph",
    "overwrite": "a gradient was overwritten instead of accumulated — use += in every _backward, "
                 "so a value used twice gets both contributions",
    "forward_order": "_backward was called in forward topological order — walk reversed(topo), from the output back "
                     "to the leaves, so each node's grad is complete before it is passed on",
    "no_topo": "backward() recursed into the inputs without a topological order, so a node reached along two paths "
               "passed its gradient on twice, once half-finished — build topo first, then call each _backward once, "
               "in reversed(topo)",
    "no_upstream": "a local derivative was not multiplied by out.grad — the chain rule passes on local * out.grad",
    "pow_no_factor": "the power rule lost its factor k — d(a**k)/da = k * a**(k - 1)",
    "mul_grad": "each factor got the other's grad instead of its data — in out = a * b, a.grad gets b.data * out.grad "
                "and b.grad gets a.data * out.grad",
    "mul_own": "each factor got its own data — in out = a * b, a.grad gets b.data * out.grad and b.grad gets a.data * out.grad",
    "neg_sign": "neg kept the sign — d(-a)/da = -1, so self.grad += -out.grad",
    "relu_pass": "relu passed the gradient where its output is 0 — multiply by (out.data > 0)",
    "tanh_input": "tanh's derivative was computed from its input — it is 1 - tanh(a)**2, i.e. 1 - out.data**2",
    "exp_input": "exp's derivative was computed from its input — d exp(a)/da = exp(a), i.e. out.data",
}


class Sim:
    """The engine as the stub describes it; `Sim.mistake` switches one rule to a classic wrong version."""

    mistake: str | None = None
    reverse_children = False  # the learner's _prev is a set: children may be visited in either order

    def __init__(self, data, children=()):
        self.data, self.grad, self._prev = data, 0.0, tuple(children)
        self._backward = lambda: None

    def _give(self, node, local, g):
        if Sim.mistake == "no_upstream":
            g = 1.0
        if Sim.mistake == "overwrite":
            node.grad = local * g
        else:
            node.grad += local * g

    def _node(self, data, children, rule):
        out = Sim(data, children)
        out._backward = lambda: rule(out)
        return out

    def __add__(self, other):
        other = other if isinstance(other, Sim) else Sim(other)
        return self._node(self.data + other.data, (self, other),
                          lambda out: (self._give(self, 1.0, out.grad), self._give(other, 1.0, out.grad)))

    def __mul__(self, other):
        other = other if isinstance(other, Sim) else Sim(other)
        own, grads = Sim.mistake == "mul_own", Sim.mistake == "mul_grad"
        return self._node(self.data * other.data, (self, other),
                          lambda out: (self._give(self, self.data if own else other.grad if grads else other.data, out.grad),
                                       self._give(other, other.data if own else self.grad if grads else self.data, out.grad)))

    def __pow__(self, k):
        factor = 1.0 if Sim.mistake == "pow_no_factor" else k
        return self._node(self.data**k, (self,), lambda out: self._give(self, factor * self.data ** (k - 1), out.grad))

    def __neg__(self):
        return self._node(-self.data, (self,), lambda out: self._give(self, 1.0 if Sim.mistake == "neg_sign" else -1.0, out.grad))

    def relu(self):
        passes = Sim.mistake == "relu_pass"
        return self._node(self.data if self.data > 0 else 0.0, (self,),
                          lambda out: self._give(self, 1.0 if passes else float(out.data > 0), out.grad))

    def tanh(self):
        t_in = Sim.mistake == "tanh_input"
        return self._node(math.tanh(self.data), (self,),
                          lambda out: self._give(self, 1 - (self.data if t_in else out.data) ** 2, out.grad))

    def exp(self):
        e_in = Sim.mistake == "exp_input"
        return self._node(math.exp(self.data), (self,), lambda out: self._give(self, self.data if e_in else out.data, out.grad))

    def __sub__(self, other):
        return self + (-other)

    def __truediv__(self, other):
        return self * other**-1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return (-self) + other

    def __rtruediv__(self, other):
        return self**-1 * other

    def backward(self):
        topo, seen, stack = [], set(), [(self, False)]
        while stack:  # iterative post-order DFS: every node after all of its inputs
            v, expanded = stack.pop()
            if expanded:
                topo.append(v)
            elif v not in seen:
                seen.add(v)
                stack.append((v, True))
                children = reversed(v._prev) if Sim.reverse_children else v._prev
                stack.extend((c, False) for c in children if c not in seen)
        self.grad = 0.0 if Sim.mistake == "no_seed" else 1.0
        if Sim.mistake == "no_topo":
            self._walk()
            return
        for v in topo if Sim.mistake == "forward_order" else reversed(topo):
            v._backward()

    def _walk(self):
        """The mistake "no_topo": each node runs _backward once per path that reaches it."""
        self._backward()
        children = list(dict.fromkeys(self._prev))
        for c in reversed(children) if Sim.reverse_children else children:
            c._walk()


def simulate(expr, xs, mistake=None, reverse_children=False):
    """(out.data, leaf grads) from the trusted engine, making `mistake` if given."""
    Sim.mistake, Sim.reverse_children = mistake, reverse_children
    try:
        leaves = [Sim(x) for x in xs]
        out = expr(*leaves)
        out.backward()
        return out.data, np.array([v.grad for v in leaves])
    finally:
        Sim.mistake, Sim.reverse_children = None, False


def named_mistake(got, expr, xs, out_grad=None):
    """{description: grads} for the mistakes that reproduce `got` (all of them, joined), else None.

    `out_grad` is the output's grad after backward() as the learner's engine left it: when it is 1.0
    the seed was set, so "never seeded" is not offered even if the leaves' grads look unseeded.
    """
    if not isinstance(got, np.ndarray) or got.shape != (len(xs),):
        return None
    seeded = isinstance(out_grad, (int, float)) and not isinstance(out_grad, bool) and out_grad == 1.0
    names = []
    for key, text in MISTAKES.items():
        if key == "no_seed" and seeded:
            continue
        for reverse in ((False, True) if key in ("overwrite", "no_topo") else (False,)):
            if np.allclose(got, simulate(expr, xs, key, reverse)[1], rtol=RTOL, atol=ATOL):
                names.append(text)
                break
    return {"; or ".join(names): got} if names else None


# --- comparing ---------------------------------------------------------------------------------------

def as_numbers(values, what: str) -> np.ndarray:
    for v in values:
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.integer, np.floating)):
            hint = ("a _backward must add numbers to .grad, e.g. self.grad += other.data * out.grad",)
            raise CheckFailed(f"{what} should be a float, got {describe_type(v)}", hint)
    return np.array([float(v) for v in values])


def expect_case(result, case: Case, *, want_grads=None, label=None):
    """out.data and leaf grads of one case: against math, a named mistake, and finite differences."""
    label = label or f"out = {case.text} at {case.where}"
    if not isinstance(result, dict) or "grads" not in result:
        raise CheckFailed(f"the probe for {label} returned {describe_type(result)}")
    data = as_numbers([result["data"]], f"out.data for {label}")
    # the forward pass is given in the stub: a difference here means it was edited
    expect_array(data, np.array([float(case.expr(*case.xs))]), name=f"out.data for {label}")
    got = as_numbers(result["grads"], f"a grad for {label}")
    want = np.array(want_grads if want_grads is not None else case.grads, dtype=float)
    name = f"{case.grad_names} for {label}"
    try:
        expect_array(got, want, name=name, rtol=RTOL, atol=ATOL)
    except CheckFailed:  # the alternatives only name a failure, they never decide one
        expect_array(got, want, name=name, rtol=RTOL, atol=ATOL,
                     alternatives=named_mistake(got, case.expr, case.xs, result.get("out_grad")))
        raise
    numeric = numerical_gradient(lambda v: float(case.expr(*v)), np.array(case.xs, dtype=float))
    expect_gradient(got, numeric, name=f"{case.grad_names} for {label}")


def run_cases(learner, group):
    cases = GROUPS[group]
    results = learner.part(every_group, group).value
    if not isinstance(results, list) or len(results) != len(cases):
        raise CheckFailed(f"the probe returned {describe_type(results)}")
    for result, case in zip(results, cases, strict=True):
        expect_case(result, case)


# --- every expression of the grade, one group per check ---------------------------------------------------

def diamond(a):
    b = a * 2.0
    c = a + 3.0
    return b * c


def shared_node(a, b):
    c = a * b
    return c * c + tanh(c)


def chain(x, w):
    for _ in range(CHAIN_STEPS):
        x = tanh(x * w)
    return x


def chain_gradient(x0, w):
    """Forward-mode derivatives of x_{k+1} = tanh(w x_k), carried along the chain."""
    x, dx0, dw = x0, 1.0, 0.0
    for _ in range(CHAIN_STEPS):
        t = math.tanh(w * x)
        dx0, dw = (1 - t * t) * w * dx0, (1 - t * t) * (x + w * dw)
        x = t
    return dx0, dw


# A small MLP: 3 inputs, 2 tanh and 2 relu hidden units, one output, squared-error loss. The leaves are
# x (3), W (4 x 3), b (4), v (4) and c: 24 in all. The relu pre-activations are 0.24 and -0.24: one unit on,
# one off, both far enough from the kink for finite differences.
MLP_PARAMS = (0.5, -1.2, 0.8,
              0.3, -0.5, 0.9, -0.7, 0.2, 0.4, 0.6, 0.1, -0.3, -0.2, -0.8, 0.5,
              0.1, -0.2, 0.3, -1.5,
              0.7, -0.6, 0.9, 1.1,
              -0.1)


def mlp_loss(*p):
    x, W, b, v, c = p[0:3], p[3:15], p[15:19], p[19:23], p[23]
    z = [sum(W[3 * j + i] * x[i] for i in range(3)) + b[j] for j in range(4)]
    h = [tanh(z[0]), tanh(z[1]), relu(z[2]), relu(z[3])]
    y = sum(v[j] * h[j] for j in range(4)) + c
    return (y - 0.25) ** 2 / 2


_T = math.tanh(0.5 * 0.8)
_E = math.exp(0.5 * -0.8)
# d = (2a) * (a + 3): d' = 2 (a + 3) + 2a = 4a + 6.
# c = ab feeding two nodes: d out / dc = 2c + 1 - tanh(c)**2, then times b (for a) and a (for b);
# c must pass its gradient on once, after both contributions have arrived.
_DC = 2 * (0.7 * 0.6) + 1 - math.tanh(0.7 * 0.6) ** 2

GROUPS = {
    "add": [
        Case("a + b", lambda a, b: a + b, (1.5, -2.25), (1.0, 1.0)),
        Case("a + 2.0", lambda a: a + 2.0, (0.7,), (1.0,)),
        Case("2.0 + a", lambda a: 2.0 + a, (0.7,), (1.0,)),
    ],
    "mul": [
        Case("a * b", lambda a, b: a * b, (1.5, -2.25), (-2.25, 1.5)),
        Case("a * 3.0", lambda a: a * 3.0, (0.7,), (3.0,)),
        Case("3.0 * a", lambda a: 3.0 * a, (0.7,), (3.0,)),
    ],
    "pow": [
        Case("a ** 3", lambda a: a**3, (1.3,), (3 * 1.3**2,)),
        Case("a ** -2", lambda a: a**-2, (0.8,), (-2 * 0.8**-3,)),
        Case("a ** 0.5", lambda a: a**0.5, (2.0,), (0.5 * 2.0**-0.5,)),
    ],
    "neg and sub": [
        Case("-a", lambda a: -a, (0.9,), (-1.0,)),
        Case("a - b", lambda a, b: a - b, (1.5, -2.25), (1.0, -1.0)),
        Case("5.0 - a", lambda a: 5.0 - a, (0.9,), (-1.0,)),
        Case("a - 5.0", lambda a: a - 5.0, (0.9,), (1.0,)),
    ],
    "truediv": [
        Case("a / b", lambda a, b: a / b, (1.5, -2.5), (1 / -2.5, -1.5 / 2.5**2)),
        Case("a / 4.0", lambda a: a / 4.0, (0.9,), (0.25,)),
        Case("4.0 / a", lambda a: 4.0 / a, (0.8,), (-4.0 / 0.8**2,)),
    ],
    # inputs at least 0.7 from the kink at 0, so h = 1e-5 never crosses it
    "relu": [
        Case("relu(a)", lambda a: relu(a), (1.3,), (1.0,)),
        Case("relu(a)", lambda a: relu(a), (-0.7,), (0.0,)),
        Case("relu(a * b)", lambda a, b: relu(a * b), (1.5, 2.0), (2.0, 1.5)),
        Case("relu(a * b)", lambda a, b: relu(a * b), (1.5, -2.0), (0.0, 0.0)),
    ],
    "tanh": [
        Case("tanh(a)", lambda a: tanh(a), (0.4,), (1 - math.tanh(0.4) ** 2,)),
        Case("tanh(a)", lambda a: tanh(a), (-1.7,), (1 - math.tanh(-1.7) ** 2,)),
        Case("tanh(a * b)", lambda a, b: tanh(a * b), (0.5, 0.8), ((1 - _T * _T) * 0.8, (1 - _T * _T) * 0.5)),
    ],
    "exp": [
        Case("exp(a)", lambda a: exp(a), (0.3,), (math.exp(0.3),)),
        Case("exp(a)", lambda a: exp(a), (-1.2,), (math.exp(-1.2),)),
        Case("exp(a * b)", lambda a, b: exp(a * b), (0.5, -0.8), (_E * -0.8, _E * 0.5)),
    ],
    "used twice": [
        Case("a + a", lambda a: a + a, (1.7,), (2.0,)),
        Case("a * a", lambda a: a * a, (1.7,), (2 * 1.7,)),
        Case("a * a * a", lambda a: a * a * a, (1.2,), (3 * 1.2**2,)),
        Case("a * b + a", lambda a, b: a * b + a, (1.2, -0.4), (-0.4 + 1, 1.2)),
    ],
    "diamond": [
        Case("b * c with b = a * 2, c = a + 3", diamond, (1.5,), (4 * 1.5 + 6,)),
        Case("b * c with b = a * 2, c = a + 3", diamond, (-0.4,), (4 * -0.4 + 6,)),
        Case("c * c + tanh(c) with c = a * b", shared_node, (0.7, 0.6), (_DC * 0.6, _DC * 0.7)),
    ],
    # x0 = 0.9, w = 0.99: both gradients stay well above rounding (~1.5e-3 and ~4), so finite differences agree to 1e-8
    "chain": [Case(f"x after x = tanh(x * b) {CHAIN_STEPS} times from x = a", chain, (0.9, 0.99), chain_gradient(0.9, 0.99))],
    "mlp": [Case("a 3-4-1 MLP's squared error", mlp_loss, MLP_PARAMS, ())],
}


def backward_effects(m):
    a, b, unused = m.Value(0.6), m.Value(-1.3), m.Value(2.0)
    c = a * b
    d = tanh(c) + a
    nodes = (a, b, c, d, unused)
    grads_before, data_before = [v.grad for v in nodes], [v.data for v in nodes]
    d.backward()
    return grads_before, data_before, [v.data for v in nodes], [v.grad for v in nodes]


def every_group(m):
    """Every expression of the grade in one sandboxed run, each check's group a part of its own."""
    return {**{name: guarded(m, backprop, cases) for name, cases in GROUPS.items()}, "effects": guarded(m, backward_effects)}


# --- the checks -----------------------------------------------------------------------------------------

def test_add_passes_the_gradient_to_both_inputs(learner):
    run_cases(learner, "add")


def test_mul_gradient_is_the_other_factor(learner):
    run_cases(learner, "mul")


def test_pow_gradient_is_k_times_a_to_the_k_minus_1(learner):
    run_cases(learner, "pow")


def test_neg_and_sub_gradients(learner):
    run_cases(learner, "neg and sub")


def test_truediv_gradients(learner):
    run_cases(learner, "truediv")


def test_relu_gradient_at_negative_and_positive_inputs(learner):
    run_cases(learner, "relu")


def test_tanh_gradient_is_one_minus_tanh_squared(learner):
    run_cases(learner, "tanh")


def test_exp_gradient_is_exp(learner):
    run_cases(learner, "exp")


def test_a_value_used_twice_accumulates_both_contributions(learner):
    run_cases(learner, "used twice")


def test_diamond_graph_sums_both_paths(learner):
    run_cases(learner, "diamond")


def test_deep_chain_of_300_nodes(learner):
    run_cases(learner, "chain")


def test_small_mlp_matches_reference(learner, reference):
    case = GROUPS["mlp"][0]
    want = reference.run(backprop, [case])[0]
    got = learner.part(every_group, "mlp").value[0]
    expect_case(got, case, want_grads=[float(g) for g in want["grads"]],
                label="the 24 parameters of a 3-4-1 MLP (tanh and relu hidden units, squared-error loss)")


def test_backward_sets_every_grad_and_changes_nothing_else(learner):
    grads_before, data_before, data_after, grads = learner.part(every_group, "effects").value
    before = as_numbers(grads_before, "a grad before backward()")
    if np.any(before != 0):
        raise CheckFailed("a new Value's grad should start at 0.0", ("keep self.grad = 0.0 in __init__",))
    if as_numbers(data_after, "a node's data after backward()").tolist() != as_numbers(data_before, "a node's data").tolist():
        raise CheckFailed("backward() changed some node's .data", ("backward only fills in .grad; leave .data alone",))
    t = math.tanh(0.6 * -1.3)
    want = [(1 - t * t) * -1.3 + 1, (1 - t * t) * 0.6, 1 - t * t, 1.0, 0.0]
    expect_array(as_numbers(grads, "a grad after backward()"), np.array(want),
                 name="[a.grad, b.grad, c.grad, d.grad, unused.grad] for c = a * b, d = tanh(c) + a (a=0.6, b=-1.3)",
                 alternatives={MISTAKES["no_seed"]: np.zeros(5)})

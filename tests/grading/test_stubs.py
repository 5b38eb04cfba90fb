"""Stubs state the contract, not the answer: no stub carries its reference's backward formula or
update rule (in code, comments or docstring), every built-in exercise keeps its derivation for
`quizprep explain`, and every stub can be run on its own to print shapes."""

import ast
import re

import pytest

from quizprep.grading import load_catalogue

CATALOGUE = load_catalogue(with_packs=False)

# The expressions that are each reference's answer: what a learner would copy. Spaces are ignored.
KEY_EXPRESSIONS = {
    "relu_grad": ["(x > 0).astype"],
    "leaky_relu_grad": ["np.where(x > 0, 1.0", "np.where(x > 0, 1,"],
    "sigmoid_grad": ["s * (1 - s)", "(1 - s)", "np.exp(-np.abs(x))"],
    "tanh_grad": ["1 - t**2", "1 - np.tanh(x) ** 2", "1.0 - t * t", "1 - t * t"],
    "gelu_grad": ["1.0 - t * t", "1 - t**2", "(1 + 3 * 0.044715", "3.0 * K * x"],
    "softmax": ["z - z.max(", "x - x.max(", "np.max(z, axis=-1, keepdims=True)"],
    "softmax_backward": ["np.sum(probs * d_probs", "(probs * d_probs).sum", "probs * (d_probs -"],
    "cross_entropy": ["np.log(np.clip(", "-np.sum(y_onehot * np.log("],
    "softmax_ce_backward": ["probs - ", "(probs - y", "p - onehot", "- y_onehot) /"],
    "logistic_regression": ["np.logaddexp(0, z)", "np.log1p(np.exp(-np.abs(z)))", "(sigmoid(z) - y)", "X.T @"],
    "label_smoothing_ce": ["smoothing / c", "1.0 - smoothing", "(np.exp(log_p) - q)", "softmax - q", "(p - q)"],
    "linear": ["x.T @", ".T @ d_out", "d_out @ self.W.T", "d_out @ W.T", "d_out.sum(axis=0)"],
    "two_layer_net": ["(self.probs - y", "probs - y_onehot", "relu_grad(self.z1)", "-= self.lr * layer.dW"],
    "residual_block": ["d_out + ", "self.fc2.backward(d_out)", "(self.z1 > 0)"],
    "init": ["np.sqrt(6.0 / (n_in + n_out))", "np.sqrt(6 / (n_in + n_out))", "rng.uniform(-a, a"],
    "gradcheck": ["(f_plus - f_minus) / (2 * h)", "x[i] = old + h", "/ (2 * h)"],
    "sgd_momentum": ["velocity", "self.momentum * self.velocities[i] + g", "p -= self.lr * self.velocities"],
    "adam": ["m_hat", "v_hat", "/ (1 - beta1", "/ (1 - self.beta1", "np.sqrt(v_hat"],
    "adamw": ["m_hat", "v_hat", "p -= self.lr * self.weight_decay * p", "/ (1 - self.beta1", "(1 - self.alpha) * g**2"],
    "lr_schedule": ["math.cos(math.pi", "np.cos(np.pi", "base_lr * step / warmup_steps"],
    "clip_grad_norm": ["g *= max_norm / total_norm", "np.sqrt(sum(np.sum(g * g)"],
    "dropout": ["rng.random(x.shape) >= p", "keep / (1.0 - p)", "d_out * mask"],  # the 1/(1-p) scale is the contract
    "embedding": ["np.add.at(dW", "np.add.at(", "np.bincount("],
    "layernorm": ["(g * x_hat).mean", "d_out * x_hat", "dx_hat.mean(", "g.mean(axis=-1"],
    "batchnorm": ["dxhat", "dx_hat", "x_hat *", "xhat *", "(d_out * x_hat).sum"],
    "batchnorm_running": ["n / (n - 1)", "ddof=1", "(1 - self.momentum) *", "(1 - m) *"],
    "maxpool": ["argmax(axis=-1)", "np.add.at(dx", "first // pool", "first % pool"],
    "conv2d": ["d_out.sum(axis=(0, 2, 3))", "np.add.at(dxp", "w.reshape(f, -1).T @", "[:, :, pad:pad + h"],
    "rnn_bptt": ["(1.0 - h[:, t] ** 2)", "1 - h**2", "da @ Wx.T", "da @ Wh.T", "x[:, t].T @ da"],
    "lstm_cell": ["(1.0 - tanh_c**2)", "dc * f", "prev_h.T @ da", "da @ Wh.T", "i * (1.0 - i)", "o * (1.0 - o)"],
    "attention": ["@ d_out", "(P * dP).sum", "dS @ K", "_t(dS) @ Q", "swapaxes(P, -1, -2) @"],
    "autograd": ["self.grad +=", "other.grad +=", "out.grad *", "reversed(topo)", "(1 - out.data**2)"],
}


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _unwritten(tree: ast.Module) -> set[str]:
    """Qualified names of the stub's functions that raise NotImplementedError (the learner's to write)."""
    names = set()

    def visit(node, prefix=""):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if any(isinstance(s, ast.Raise) and "NotImplementedError" in ast.unparse(s) for s in ast.walk(child)):
                    names.add(prefix + child.name)
            if isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")

    visit(tree)
    return names


def _answer_lines(solution: str, names: set[str]) -> list[str]:
    """The non-trivial statements of the reference's versions of the learner's functions."""
    tree = ast.parse(solution)
    lines = []

    def visit(node, prefix=""):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) and prefix + child.name in names:
                for stmt in ast.walk(child):
                    if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.Return)) and stmt.value is not None:
                        text = _normal(ast.unparse(stmt.value))
                        if len(text) >= 14 and re.search(r"[-+*/@]", text):  # an expression, not a name or a call of a given helper
                            lines.append(ast.unparse(stmt.value))
            if isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")

    visit(tree)
    return lines


def _without_given_helpers(stub: str, tree: ast.Module, unwritten: set[str]) -> str:
    """The stub without the bodies of the working helpers it gives the learner (two_layer_net's Linear
    and softmax are someone else's answer, handed over on purpose): its docstrings, comments and the
    functions left to write."""
    drop: set[int] = set()

    def visit(node, prefix=""):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) and prefix + child.name not in unwritten:
                drop.update(range(child.body[0].lineno, child.end_lineno + 1))
            if isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")

    visit(tree)
    return "\n".join(line for i, line in enumerate(stub.splitlines(), 1) if i not in drop)


@pytest.mark.parametrize("exercise", CATALOGUE, ids=[e.id for e in CATALOGUE])
def test_the_stub_does_not_contain_the_reference_s_answer(exercise):
    stub = exercise.stub.read_text(encoding="utf-8")
    tree = ast.parse(stub)
    unwritten = _unwritten(tree)
    flat = _normal(_without_given_helpers(stub, tree, unwritten))
    assert unwritten, f"{exercise.stub}: no function raises NotImplementedError"
    leaked = [line for line in _answer_lines(exercise.solution.read_text(encoding="utf-8"), unwritten) if _normal(line) in flat]
    leaked += [expr for expr in KEY_EXPRESSIONS.get(exercise.id, []) if _normal(expr) in flat]
    assert leaked == [], f"{exercise.stub} gives the answer away: {leaked}"


@pytest.mark.parametrize("exercise", CATALOGUE, ids=[e.id for e in CATALOGUE])
def test_every_built_in_exercise_has_a_derivation_and_a_runnable_example(exercise):
    assert exercise.derivation is not None and len(exercise.derivation_text().strip().splitlines()) >= 10, exercise.id
    tree = ast.parse(exercise.stub.read_text(encoding="utf-8"))
    mains = [n for n in tree.body if isinstance(n, ast.If) and "__name__" in ast.unparse(n.test) and "__main__" in ast.unparse(n.test)]
    assert mains, f"{exercise.stub}: add an `if __name__ == \"__main__\":` block that calls the function on a small example"

"""The shipped `short` questions accept the phrasings a strong candidate writes and reject wrong answers.

Each case goes through the bank's own checking (`check_answer`, which uses the `accept` list with
case- and whitespace-insensitive matching and full-match regular expressions), on the question as it
ships, so a narrowed or loosened accept list shows up here.
"""

import pytest

from quizprep.bank import check_answer, load_banks
from quizprep.paths import content_dir

ACCEPTED = {
    "act-softplus-name": [
        "softplus", "Softplus", "soft plus", "soft-plus", "softplus function", "the softplus activation",
        "nn.Softplus", "torch.nn.Softplus", "F.softplus", "torch.nn.functional.softplus", "`softplus`",
    ],
    "ad-grad-fn-attribute": ["grad_fn", ".grad_fn", "y.grad_fn", "`grad_fn`", "tensor.grad_fn", "grad fn"],
    "bp-short-reverse-mode": [
        "reverse mode", "Reverse-mode", "reverse", "reverse accumulation", "adjoint mode", "backward mode",
        "reverse-mode autodifferentiation", "reverse-mode AD", "reverse mode automatic differentiation",
        "the reverse mode", "reverse mode autodiff", "backward-mode AD", "adjoint", "reverse-mode differentiation",
        "reverse mode of automatic differentiation",
    ],
    "bp-short-upstream": [
        "upstream gradient", "upstream", "the upstream gradient", "Upstream gradients", "output gradient",
        "grad_output", "upstream grad", "incoming gradient", "grad_outputs", "d_out", "dout",
        "gradient with respect to the output", "gradient of the loss w.r.t. the output", "output adjoint",
        "cotangent", "`grad_output`",
    ],
    "eg-clip-fn-name": [
        "clip_grad_norm_", "clip_grad_norm", "torch.nn.utils.clip_grad_norm_", "nn.utils.clip_grad_norm_",
        "clip_grad_norm_()", "torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)",
        "`clip_grad_norm_`", "torch.nn.utils.clip_grad.clip_grad_norm_",
    ],
    "gc-short-central": [
        "central difference", "centred difference", "centered difference", "symmetric difference",
        "two-sided difference", "central differences", "central finite difference", "central-difference estimate",
        "central differencing", "symmetric difference quotient", "two-point central difference", "central",
    ],
    "init-short-xavier-name": [
        "Xavier", "Glorot", "Xavier initialization", "Glorot initialisation", "Xavier/Glorot", "Glorot (Xavier)",
        "xavier_uniform_", "nn.init.xavier_normal_", "torch.nn.init.xavier_uniform_", "glorot_uniform",
        "Glorot and Bengio", "Xavier init", "GlorotNormal",
    ],
    "lr-reduce-on-plateau-name": [
        "ReduceLROnPlateau", "reduce lr on plateau", "torch.optim.lr_scheduler.ReduceLROnPlateau",
        "lr_scheduler.ReduceLROnPlateau", "optim.lr_scheduler.ReduceLROnPlateau", "ReduceLROnPlateau()",
        "keras.callbacks.ReduceLROnPlateau", "`ReduceLROnPlateau`",
    ],
    "opt-adamw-name": [
        "AdamW", "Adam W", "Adam-W", "adamw", "torch.optim.AdamW", "optim.AdamW", "AdamW optimizer",
        "Adam with decoupled weight decay", "optax.adamw", "torch.optim.AdamW(model.parameters())",
    ],
    "sce-logsumexp-name": [
        "logsumexp", "log-sum-exp", "log sum exp", "LSE", "LogSumExp", "torch.logsumexp",
        "scipy.special.logsumexp", "log-sum-exp trick", "tf.reduce_logsumexp", "logsumexp function",
    ],
    "tl-eval-method": [
        "eval", "eval()", "model.eval()", ".eval()", "model.eval", "net.eval()", "module.eval()",
        "model.train(False)", "train(False)", "model.train(mode=False)", "`model.eval()`", "nn.Module.eval",
    ],
    "vg-grad-norm-log": ["norm", "norm()", "norm(2)", "norm(p=2)", "p.grad.norm()", "data.norm", "norm('fro')"],
}

REJECTED = {
    "act-softplus-name": ["ReLU", "smooth ReLU", "sigmoid", "softsign", "softmax", "GELU", "SiLU", "log-sigmoid"],
    "ad-grad-fn-attribute": ["grad", "y.grad", "MulBackward0", "_backward", "next_functions", "requires_grad", "is_leaf"],
    "bp-short-reverse-mode": [
        "forward mode", "forward", "forward-mode AD", "forward accumulation", "tangent mode", "symbolic",
        "numerical differentiation", "finite differences", "backward difference",
    ],
    "bp-short-upstream": [
        "downstream gradient", "downstream", "local gradient", "input gradient", "grad_input", "d_input",
        "jacobian", "output",
    ],
    "eg-clip-fn-name": ["clip_grad_value_", "clip_grad_value", "clamp_", "torch.clamp", "normalize"],
    "gc-short-central": [
        "forward difference", "backward difference", "one-sided difference", "forward finite difference",
        "Newton quotient",
    ],
    "init-short-xavier-name": ["He", "Kaiming", "He initialization", "kaiming_normal_", "LeCun", "orthogonal"],
    "lr-reduce-on-plateau-name": ["StepLR", "ExponentialLR", "CosineAnnealingLR", "MultiStepLR", "OneCycleLR"],
    "opt-adamw-name": [
        "Adam", "Adam with weight decay", "Adam with L2 regularization", "Adamax", "NAdam", "RAdam", "AMSGrad",
        "SGDW", "LAMB",
    ],
    "sce-logsumexp-name": ["softmax", "log-softmax", "log_softmax", "cross-entropy", "max"],
    "tl-eval-method": [
        "train", "model.train()", "no_grad", "torch.no_grad()", "inference_mode", "model.zero_grad()", "evaluate",
        "model.requires_grad_(False)",
    ],
    "vg-grad-norm-log": ["sum", "mean", "abs", "max", "item", "std", "numel"],
}


@pytest.fixture(scope="module")
def shipped():
    catalog = load_banks([content_dir("question_bank")])
    return {q.id: q for q in catalog.questions}


def _cases(table):
    return [(qid, text) for qid, texts in table.items() for text in texts]


@pytest.mark.parametrize("qid, text", _cases(ACCEPTED))
def test_a_strong_candidate_phrasing_is_accepted(shipped, qid, text):
    question = shipped[qid]
    assert question.type == "short"
    assert check_answer(question, text).correct, f"{qid} should accept {text!r}"


@pytest.mark.parametrize("qid, text", _cases(REJECTED))
def test_a_wrong_answer_is_rejected(shipped, qid, text):
    assert not check_answer(shipped[qid], text).correct, f"{qid} must not accept {text!r}"


def test_every_shipped_short_question_of_these_banks_is_covered(shipped):
    mine = {"activations", "autodiff", "backprop", "exploding-gradients", "gradient-checking", "initialization",
            "learning-rate", "nonlinearity", "optimizers", "softmax-cross-entropy", "training-loop",
            "vanishing-gradients"}
    short = {q.id for q in shipped.values() if q.type == "short" and q.topic in mine}
    assert short == set(ACCEPTED) == set(REJECTED)

"""Independent computations of the numeric answers in question_bank/residual.yaml."""

import itertools
import math

import numpy as np


def _paths_of_length(n_blocks, length):
    """Count branch/skip choice sequences through n blocks that use exactly `length` branches."""
    return sum(1 for choice in itertools.product((0, 1), repeat=n_blocks) if sum(choice) == length)


ANSWERS = {
    # enumerate every branch-or-skip choice through 10 blocks
    "res-paths-total": sum(1 for _ in itertools.product((0, 1), repeat=10)),
    "res-paths-length-three": _paths_of_length(10, 3),
    # the all-shortcut path multiplies the gradient by lambda at each of 50 blocks
    "res-scaled-shortcut": float(np.prod(np.full(50, 0.9))),
    # two residual branches (attention, MLP) per block, 12 blocks
    "res-gpt2-scaling": 0.02 / math.sqrt(2 * 12),
    # variances of 49 uncorrelated unit-variance terms add
    "res-variance-growth": math.sqrt(sum(1.0 for _ in range(1 + 48))),
    # 1x1 kernel: in_channels * out_channels * 1 * 1
    "res-projection-params": 128 * 256 * 1 * 1,
}

ALSO_WRONG = {
    "res-paths-total": [10, 20, 100, 11],                 # n, 2n, n^2, n + 1
    "res-paths-length-three": [720, 8, 30, 1024],         # ordered choices; 2^3; n*k; all paths
    "res-scaled-shortcut": [0.9 * 50, 0.9, 1.0, 0.9 ** 49],  # linear; one block; identity; off by one block
    "res-gpt2-scaling": [0.02 / math.sqrt(12), 0.02 / 24, 0.02, 0.02 / math.sqrt(48)],
    # the variance instead of the std; the variance without x0; the std without x0; as if branches were scaled
    "res-variance-growth": [49.0, 48.0, math.sqrt(48.0), math.sqrt(2.0)],
    "res-projection-params": [9 * 128 * 256, 128 * 256 + 256, 128 * 256 // 4],  # 3x3 kernel; with bias; stride
}

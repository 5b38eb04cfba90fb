"""Independent computations of the numeric answers in question_bank/convolution.yaml."""

import numpy as np


def _out_size(h, k, stride, pad):
    # count the window start positions that fit inside the padded input
    return len(range(0, h + 2 * pad - k + 1, stride))


def _receptive_field(layers):
    """layers: (kernel, stride, dilation) from the input upwards; brute force on a 1-D index set."""
    # positions of one top unit's inputs, walked down layer by layer
    positions = {0}
    for k, s, d in reversed(layers):
        positions = {p * s + t * d for p in positions for t in range(k)}
    return max(positions) - min(positions) + 1


def _dx_by_finite_differences():
    x = np.array([2.0, -1.0, 3.0, 0.0, 1.0])
    w = np.array([1.0, 2.0, -1.0])
    d_out = np.array([1.0, -2.0, 0.5])

    def loss(xv):
        out = np.array([np.dot(w, xv[i:i + 3]) for i in range(3)])
        return float(np.dot(out, d_out))

    eps = 1e-6
    e = np.zeros(5)
    e[2] = eps
    return (loss(x + e) - loss(x - e)) / (2 * eps)


def _im2col_factor():
    n, c, h, w, k, pad = 8, 3, 32, 32, 5, 2
    ho, wo = _out_size(h, k, 1, pad), _out_size(w, k, 1, pad)
    return (c * k * k) * (n * ho * wo) / (n * c * h * w)


ANSWERS = {
    "conv-output-size-stride-pad": _out_size(224, 7, 2, 3),
    "conv-param-count": int(np.prod((128, 64, 3, 3))) + 128,
    # 2 FLOPs per multiply-add, one multiply-add per (output value, input channel, kernel tap)
    "conv-flops-layer": 2 * (128 * 56 * 56) * (64 * 3 * 3) / 1e9,
    "conv-receptive-field-pool": _receptive_field([(3, 1, 1), (3, 1, 1), (2, 2, 1), (3, 1, 1), (3, 1, 1)]),
    "conv-receptive-field-dilated": _receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 4)]),
    "conv-im2col-memory": _im2col_factor(),
    "conv-backward-dx-by-hand": _dx_by_finite_differences(),
}

ALSO_WRONG = {
    "conv-output-size-stride-pad": [113, 109, 111],     # ceil instead of floor; no padding; no +1
    "conv-param-count": [73728, 1280, 73792],           # no bias; no input channels; 64 biases
    "conv-flops-layer": [0.231211008, 0.924844032],     # MACs; counting 4 per MAC
    "conv-receptive-field-pool": [10, 15, 13],          # ignoring the jump; stride on own window; 5+4+4
    "conv-receptive-field-dilated": [7, 19],            # ignoring dilation; span K*D
    "conv-im2col-memory": [9, 75, 24],                  # 3x3 habit; C*K*K per window; "times more" read as extra
    "conv-backward-dx-by-hand": [-3.5, -4.0, 4.5],      # kernel not flipped; one path; sign
}

"""Scaled dot-product attention: forward and backward.

Attention lets every query position gather a weighted average of the value vectors, weighted by how
well the query matches each key. For one batch element, with Q of shape (Tq, d), K of shape (Tk, d)
and V of shape (Tk, dv):

    scores = Q Kᵀ / √d                  (Tq, Tk)   entry (i, j): how well query i matches key j
    P      = softmax of each row        (Tq, Tk)   over the keys: every row of P sums to 1
    out    = P V                        (Tq, dv)

Dividing by √d (d = the size of a query/key vector, Q.shape[-1]) keeps the scores' spread near 1
whatever d is, so the softmax does not saturate.

Causal (causal=True, only with Tq == Tk): query i may only look at positions j <= i. Every j > i gets
EXACTLY zero weight, and each row of P still sums to 1 over the positions it may see.

Implement:
- `attention_forward(Q, K, V, causal=False)` -> (out, cache)
    Q: (..., Tq, d), K: (..., Tk, d), V: (..., Tk, dv), float64, with the same leading axes — none
    (plain 2-D arrays), one (B, T, d) or more (B, H, T, d). The leading axes are independent batch
    axes: the result for Q[b], K[b], V[b] is the attention of those three alone.
    out: (..., Tq, dv), float64. cache: anything attention_backward needs.
- `attention_backward(d_out, cache)` -> (dQ, dK, dV)
    d_out = dL/d(out), shape (..., Tq, dv); dQ, dK, dV are dL/dQ, dL/dK, dL/dV, float64, with the shapes
    of Q, K and V.
Leave Q, K, V and d_out unchanged.

Requirements that are part of the contract: the result must be right for scores as large as 1e4 in
magnitude (positive or negative), with no NaN, no inf and no overflow or invalid-value warning; a
masked position gets weight exactly 0 (a score of -inf or a large negative fill such as -1e9 both
do); Tq and Tk may differ, d and dv may differ, and T = 1 is allowed.
"""

import numpy as np


def attention_forward(Q, K, V, causal=False):
    """Q: (..., Tq, d), K: (..., Tk, d), V: (..., Tk, dv) -> (out (..., Tq, dv), cache)."""
    raise NotImplementedError


def attention_backward(d_out, cache):
    """d_out: (..., Tq, dv) -> (dQ (..., Tq, d), dK (..., Tk, d), dV (..., Tk, dv))."""
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    for shape_q, shape_k, shape_v, causal in [((3, 4), (5, 4), (5, 2), False), ((2, 2, 4, 8), (2, 2, 4, 8), (2, 2, 4, 8), True)]:
        Q, K, V = rng.normal(size=shape_q), rng.normal(size=shape_k), rng.normal(size=shape_v)
        out, cache = attention_forward(Q, K, V, causal=causal)
        dQ, dK, dV = attention_backward(np.ones_like(out), cache)
        print(f"causal={causal}: out {out.shape}, dQ {dQ.shape}, dK {dK.shape}, dV {dV.shape}")

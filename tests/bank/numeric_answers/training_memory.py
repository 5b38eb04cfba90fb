"""Independent computations of the numeric answers in question_bank/training-memory.yaml."""

import numpy as np

GB = 1e9


def _best_checkpoint_peak(layers):
    """Smallest checkpoints-plus-one-segment peak over every segment length that divides the depth."""
    return min(layers // k + k for k in range(1, layers + 1) if layers % k == 0)


def _token_overweight(tokens, k):
    """Weight of one token of the shortest micro-batch under mean-per-micro-batch / k, over 1 / total."""
    total = sum(tokens)
    per_token = [1.0 / (n * k) for n in tokens]
    return max(per_token) * total


def _ring_allreduce_sent(size, gpus):
    """Bytes one GPU sends: a chunk of size/gpus per hop, gpus-1 hops in each of the two phases."""
    chunk = size / gpus
    reduce_scatter = chunk * (gpus - 1)
    all_gather = chunk * (gpus - 1)
    return reduce_scatter + all_gather


_BYTES_MIXED_ADAM = {"bf16 weights": 2, "bf16 grads": 2, "fp32 master": 4, "adam m": 4, "adam v": 4}

ANSWERS = {
    # fixed model states plus activations proportional to the batch
    "mem-activation-batch-extrapolate": 8 + (20 - 8) * 48 / 32,
    # batch * heads * T * T entries, heads fixed
    "mem-attention-scores-scaling": (16 * 2048**2) / (8 * 1024**2),
    "mem-transformer-activation-estimate": 48 * 34 * 8 * 2048 * 4096 / GB,
    "mem-checkpoint-optimal-segment": _best_checkpoint_peak(144),
    "mem-accum-token-weighting": _token_overweight([900, 100], 2),
    "mem-mixed-adam-bytes": 7e9 * sum(_BYTES_MIXED_ADAM.values()) / GB,
    # ZeRO-2: weights replicated, gradients and optimiser states split over 64 GPUs
    "mem-zero2-per-gpu": 7.5e9 * (2 + (2 + 12) / 64) / GB,
    "mem-effective-batch": int(np.prod([8, 16, 4])),
    "mem-ring-allreduce-traffic": _ring_allreduce_sent(2 * GB, 8) / GB,
}

ALSO_WRONG = {
    "mem-activation-batch-extrapolate": [30.0, 20.0, 12 * 48 / 32],  # all scaled; unchanged; activations only
    "mem-attention-scores-scaling": [4.0, 2.0, 16.0],  # linear in T; batch only; squared batch
    "mem-transformer-activation-estimate": [
        34 * 8 * 2048 * 4096 / GB,  # one layer
        48 * 34 * 8 * 2048 * 4096 / 2**30,  # GiB
        48 * 34 * 8 * 2048 * 4096 * 2 / GB,  # counted 34 elements of 2 bytes
    ],
    "mem-checkpoint-optimal-segment": [144, 12, 25],  # no checkpointing; forgot the segment; k = 9 or 16
    "mem-accum-token-weighting": [9.0, 1.0, 0.5],  # relative to a token of A; "no effect"; just 1/k
    "mem-mixed-adam-bytes": [84.0, 56.0, 28.0, 7e9 * 16 / 2**30],  # no master copy; 8 B; fp32 weights; GiB
    # no ZeRO; stage 1; stage 3; weights only; the right bytes in GiB
    "mem-zero2-per-gpu": [120.0, 31.40625, 1.875, 15.0, 7.5e9 * (2 + 14 / 64) / 2**30],
    "mem-effective-batch": [64, 128, 16],  # one GPU; no accumulation; per-GPU micro-batch
    "mem-ring-allreduce-traffic": [2.0, 4.0, 14.0, 1.75],  # size once; 2x size; 2 (N-1) S; one phase
}

# expect: pass
import math


def cross_entropy_loss(probs, y_onehot):
    total = 0.0
    for p_row, y_row in zip(probs, y_onehot, strict=True):
        for p, y in zip(p_row, y_row, strict=True):
            if y:
                total -= y * math.log(p + 1e-8)
    return total / len(probs)

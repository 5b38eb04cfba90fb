# expect: pass
# The loss written as -[y log sigmoid(z) + (1 - y) log sigmoid(-z)], each log-sigmoid through
# np.logaddexp; sigmoid through tanh; the bias folded into an augmented weight vector.
import numpy as np


def log_sigmoid(z):
    return -np.logaddexp(0.0, -z)


def bce_with_logits(z, y):
    return -np.mean(y * log_sigmoid(z) + (1 - y) * log_sigmoid(-z))


def bce_with_logits_grad(z, y):
    probs = 0.5 * (1.0 + np.tanh(z / 2.0))
    return (probs - y) / len(z)


def fit_logistic_regression(X, y, lr=0.1, steps=100):
    n, d = X.shape
    Xa = np.concatenate([X, np.ones((n, 1))], axis=1)
    theta = np.zeros(d + 1)
    for _ in range(steps):
        theta -= lr * Xa.T @ bce_with_logits_grad(Xa @ theta, y)
    return theta[:d], float(theta[d])

"""A tiny scalar autograd engine.

A `Value` wraps one float and records how it was computed, so that the derivative of a final
result with respect to every number it came from can be worked out automatically (reverse-mode
automatic differentiation, as in PyTorch, for scalars).

The API (the forward half is written for you below):
- `Value(data)`: `.data` is the number, `.grad` starts at 0.0.
- Every operation returns a new Value whose `_prev` holds the Values it was computed from and
  whose `_backward` is a function (a closure) that you write: when it runs, it passes this
  node's `.grad` on to the `.grad` of its inputs, as the chain rule says.
- Operations that must work, with Values or plain numbers on either side where it makes sense:
  `a + b`, `a * b`, `a ** k` (k a plain int or float), `-a`, `a - b`, `a / b`, `a.relu()`,
  `a.tanh()`, `a.exp()`. Subtraction, division and the reflected forms are already built from the
  others, so they need no backward code of their own.
- `out.backward()`: afterwards, every Value `v` that `out` depends on has `v.grad` equal to
  d out / d v, and `out.grad` is 1.0 (d out / d out). `.data` never changes.

Requirements:
- the gradients are the true derivatives of the expression as a function of its leaves, for any
  graph: a Value may be used several times (`a * a`, `a * b + a`, a node feeding two others),
  and its gradient is then the total derivative, every use included.
- relu's derivative at its kink is taken as 0 (the checks keep inputs away from 0).
- a chain of a few hundred nested operations must work.

`quizprep explain autograd` derives the backward rules and the order of the walk, if you want it.
"""

import math


class Value:
    """A scalar with a gradient, and the graph of operations that produced it."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None  # leaves have nothing to pass on
        self._prev = set(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            raise NotImplementedError

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            raise NotImplementedError

        out._backward = _backward
        return out

    def __pow__(self, k):
        assert isinstance(k, (int, float)), "only int or float exponents"
        out = Value(self.data**k, (self,), f"**{k}")

        def _backward():
            raise NotImplementedError

        out._backward = _backward
        return out

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")

        def _backward():
            raise NotImplementedError

        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            raise NotImplementedError

        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            raise NotImplementedError

        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            raise NotImplementedError

        out._backward = _backward
        return out

    def backward(self):
        """Fill in .grad of every node this one depends on: d self / d node."""
        raise NotImplementedError

    # Built from the operations above: no backward rules of their own.
    def __sub__(self, other):
        return self + (-other)

    def __truediv__(self, other):
        return self * other**-1

    def __radd__(self, other):  # other + self, when other is a plain number
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return (-self) + other

    def __rtruediv__(self, other):
        return self**-1 * other


if __name__ == "__main__":
    a, b = Value(2.0), Value(-3.0)
    loss = a * b + a  # used twice: a's gradient is the sum over both uses
    loss.backward()
    print(loss, a, b, sep="\n")  # expect loss.data -4.0, a.grad -2.0, b.grad 2.0
    x = Value(0.5)
    y = (x * 3.0).tanh() + (x ** 2).exp() / x
    y.backward()
    print(y, x, sep="\n")

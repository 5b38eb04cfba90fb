"""A tiny scalar autograd engine.

Every arithmetic operation on a `Value` makes a new node that remembers its inputs (`_prev`) and a
`_backward` closure. The forward parts are written for you below. Your job is the backward half:

1. Each `_backward` applies the chain rule locally: with g = out.grad (d loss / d out), add
   g * (d out / d input) to each input's .grad.
       out = a + b      d out/da = 1,             d out/db = 1
       out = a * b      d out/da = b.data,        d out/db = a.data
       out = a ** k     d out/da = k * a.data ** (k - 1)        (k a plain int or float)
       out = -a         d out/da = -1
       out = relu(a)    d out/da = 1 if out.data > 0 else 0
       out = tanh(a)    d out/da = 1 - out.data ** 2
       out = exp(a)     d out/da = out.data
   Subtraction and division are built from these (a - b = a + (-b), a / b = a * b**-1), so they need
   no rules of their own.

2. `backward()` runs them all: order the graph topologically (every node after its inputs), set this
   node's grad to 1.0 (d out / d out), then call `_backward` on each node from the output back to the
   leaves, so that a node's grad is complete before it is passed on.

The trap: add with `+=`, never assign with `=`. A value used twice (a * a, or a weight shared by two
paths) receives one contribution per use, and the sum is its gradient.
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
            raise NotImplementedError  # add out.grad * (d out / d input) to self.grad and other.grad

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

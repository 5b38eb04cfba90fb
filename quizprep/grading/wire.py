"""Values crossing from the learner's process to the grader: JSON plus `np.save` bytes, never pickle.

The learner's side encodes whatever a check's probe returned; the grader decodes it strictly. An
object that is not data (a class instance, an object array) arrives as `Unsupported`, so a check can
say what came back instead of trusting it.
"""

from __future__ import annotations

import io
import json
import math
import struct
from dataclasses import dataclass

import numpy as np

MAX_DEPTH = 32
MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Unsupported:
    """A returned object that is not plain data: its type name and a short repr."""

    type_name: str
    text: str

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"


class WireError(ValueError):
    """The bytes from the learner's process are not a valid message."""


def _float(x: float) -> dict:
    return {"t": "float", "v": x.hex() if math.isfinite(x) else repr(x)}


def encode(value) -> bytes:
    """Encode a value (arrays, numbers, strings, None, lists, tuples, str-keyed dicts)."""
    blobs: list[bytes] = []

    def enc(x, depth: int):
        if depth > MAX_DEPTH:
            return {"t": "other", "type": type(x).__name__, "text": "nested too deeply"}
        if x is None:
            return {"t": "none"}
        if isinstance(x, (np.ndarray, np.generic)):
            arr = np.asarray(x)
            buf = io.BytesIO()
            try:
                np.save(buf, arr, allow_pickle=False)
            except ValueError:
                return {"t": "other", "type": f"ndarray[{arr.dtype}]", "text": _short_repr(x)}
            blobs.append(buf.getvalue())
            return {"t": "array", "i": len(blobs) - 1, "scalar": isinstance(x, np.generic)}
        if isinstance(x, bool):
            return {"t": "bool", "v": x}
        if isinstance(x, int):
            return {"t": "int", "v": str(x)}
        if isinstance(x, float):
            return _float(x)
        if isinstance(x, str):
            return {"t": "str", "v": x[:10_000]}
        if isinstance(x, (list, tuple)):
            return {"t": type(x).__name__ if type(x) in (list, tuple) else "list", "v": [enc(v, depth + 1) for v in x]}
        if isinstance(x, dict) and all(isinstance(k, str) for k in x):
            return {"t": "dict", "v": {k: enc(v, depth + 1) for k, v in x.items()}}
        return {"t": "other", "type": type(x).__name__, "text": _short_repr(x)}

    header = json.dumps(enc(value, 0)).encode()
    parts = [struct.pack("<II", len(header), len(blobs)), header]
    for blob in blobs:
        parts += [struct.pack("<Q", len(blob)), blob]
    return b"".join(parts)


def _short_repr(x) -> str:
    try:
        text = repr(x)
    except Exception:  # the learner's __repr__ may itself be broken
        text = "?"
    return text if len(text) <= 200 else text[:197] + "..."


def decode(data: bytes):
    """Decode bytes from `encode`; raises WireError on anything malformed."""
    if len(data) > MAX_BYTES:
        raise WireError("the result is too large")
    try:
        n_header, n_blobs = struct.unpack_from("<II", data, 0)
        pos = 8
        header = json.loads(data[pos: pos + n_header])
        pos += n_header
        blobs = []
        for _ in range(n_blobs):
            (size,) = struct.unpack_from("<Q", data, pos)
            pos += 8
            blobs.append(np.load(io.BytesIO(data[pos: pos + size]), allow_pickle=False))
            pos += size
    except (struct.error, ValueError, OSError, EOFError, RecursionError) as err:
        raise WireError(f"malformed result: {type(err).__name__}: {err}"[:200]) from None
    if pos != len(data):
        raise WireError("malformed result: trailing bytes")

    def dec(node, depth: int):
        if depth > MAX_DEPTH + 1 or not isinstance(node, dict):
            raise WireError("malformed result")
        t = node.get("t")
        if t == "none":
            return None
        if t == "array":
            arr = blobs[node["i"]]
            return arr[()] if node.get("scalar") else arr
        if t == "bool":
            return bool(node["v"])
        if t == "int":
            return int(node["v"])
        if t == "float":
            v = node["v"]
            return float(v) if v in ("nan", "inf", "-inf") else float.fromhex(v)
        if t == "str":
            return str(node["v"])
        if t in ("list", "tuple"):
            items = [dec(v, depth + 1) for v in node["v"]]
            return items if t == "list" else tuple(items)
        if t == "dict":
            return {str(k): dec(v, depth + 1) for k, v in node["v"].items()}
        if t == "other":
            return Unsupported(str(node.get("type")), str(node.get("text")))
        raise WireError(f"malformed result: unknown kind {t!r}")

    try:
        return dec(header, 0)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, OverflowError, RecursionError) as err:
        # the bytes may be the learner's own (fd 3 is theirs): any of these means a crafted or broken result
        raise WireError(f"malformed result: {type(err).__name__}: {err}"[:200]) from None

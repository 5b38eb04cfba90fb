"""The wire codec between the learner's process and the grader: what goes in comes out, and bad bytes are a WireError."""

import json
import math
import struct

import numpy as np
import pytest

from quizprep.grading import wire
from quizprep.grading.wire import Unsupported, WireError, decode, encode


def frame(header: bytes, *blobs: bytes) -> bytes:
    """A message built by hand in the documented layout: counts, JSON header, then length-prefixed blobs."""
    parts = [struct.pack("<II", len(header), len(blobs)), header]
    for blob in blobs:
        parts += [struct.pack("<Q", len(blob)), blob]
    return b"".join(parts)


def npy(arr) -> bytes:
    import io

    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=False)
    return buf.getvalue()


# -- round trip ------------------------------------------------------------------------------


def test_nested_plain_data_round_trips_with_its_container_types():
    value = {"status": "ok", "items": [1, -2**70, True, False, None, "text", (1, "two", [3.5])], "empty": {}, "none": []}
    back = decode(encode(value))
    assert back == value
    assert isinstance(back["items"][6], tuple) and isinstance(back["items"][6][2], list)
    assert back["items"][2] is True and type(back["items"][0]) is int  # a bool stays a bool, an int an int


@pytest.mark.parametrize("x", [0.1, -0.0, 1e-310, 2.0**-1074, 1.7976931348623157e308, 1 / 3])
def test_floats_come_back_bit_for_bit(x):
    back = decode(encode(x))
    assert struct.pack("<d", back) == struct.pack("<d", x)  # the same bits, sign of zero and subnormals included


def test_non_finite_floats_round_trip():
    back = decode(encode([math.inf, -math.inf, math.nan]))
    assert back[0] == math.inf and back[1] == -math.inf and math.isnan(back[2])


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64", "bool", "complex128", "uint8"])
def test_arrays_round_trip_with_shape_and_dtype(dtype):
    arr = (np.random.default_rng(1).normal(size=(2, 3, 4)) * 10).astype(dtype)
    back = decode(encode({"value": arr}))["value"]
    assert isinstance(back, np.ndarray) and back.dtype == arr.dtype and back.shape == arr.shape
    assert np.array_equal(back, arr)


def test_non_contiguous_and_zero_size_arrays_round_trip():
    base = np.arange(24.0).reshape(4, 6)
    for arr in (base.T, base[::2, 1::3], np.zeros((0, 3)), np.array(7.5)):
        back = decode(encode(arr))
        assert back.shape == arr.shape and np.array_equal(back, arr)


def test_a_numpy_scalar_comes_back_a_numpy_scalar_and_a_0d_array_an_array():
    scalar, zero_d = decode(encode([np.float32(1.5), np.array(1.5)]))
    assert isinstance(scalar, np.float32) and scalar == 1.5
    assert isinstance(zero_d, np.ndarray) and zero_d.shape == ()


def test_nan_inside_an_array_survives():
    back = decode(encode(np.array([1.0, np.nan, -np.inf])))
    assert back[0] == 1.0 and np.isnan(back[1]) and back[2] == -np.inf


# -- what is not data arrives as Unsupported -------------------------------------------------


def test_an_object_that_is_not_data_arrives_as_unsupported_with_its_type():
    class Weights:
        def __repr__(self):
            return "Weights(3)"

    back = decode(encode({"value": Weights()}))["value"]
    assert back == Unsupported("Weights", "Weights(3)")


def test_an_object_array_is_not_unpickled_but_described():
    back = decode(encode(np.array([{"a": 1}, None], dtype=object)))
    assert isinstance(back, Unsupported) and back.type_name == "ndarray[object]"


def test_a_broken_repr_does_not_stop_the_encoding():
    class Broken:
        def __repr__(self):
            raise RuntimeError("no")

    assert decode(encode(Broken())) == Unsupported("Broken", "?")


def test_a_long_repr_is_shortened():
    class Long:
        def __repr__(self):
            return "x" * 1000

    back = decode(encode(Long()))
    assert len(back.text) == 200 and back.text.endswith("...")


def test_a_dict_with_non_string_keys_is_described_not_coerced():
    back = decode(encode({1: "a"}))
    assert isinstance(back, Unsupported) and back.type_name == "dict"


def test_very_deep_nesting_is_cut_with_a_note():
    value: list = []
    for _ in range(wire.MAX_DEPTH + 5):
        value = [value]
    back = decode(encode(value))
    for _ in range(wire.MAX_DEPTH + 1):
        back = back[0]
    assert isinstance(back, Unsupported) and back.text == "nested too deeply"


def test_long_strings_are_capped():
    assert len(decode(encode("a" * 50_000))) == 10_000


# -- malformed input is a WireError ----------------------------------------------------------


@pytest.mark.parametrize("data", [
    b"",                                          # nothing at all
    b"\x05\x00\x00",                              # shorter than the counts
    frame(b'{"t": "none"')[:-1],                  # header cut short
    frame(b"not json"),
    frame(b'{"t": "none"}') + b"extra",           # trailing bytes
    frame(b'{"t": "none"}', b"\x93NUMPY-but-not-really"),
    frame(b'{"t": "array", "i": 0}'),             # refers to a blob that is not there
    frame(b'{"t": "mystery"}'),
    frame(b"[1, 2]"),                             # a node that is not an object
    frame(b'{"t": "list", "v": 5}'),
    frame(b'{"t": "int", "v": "12abc"}'),
    frame(b'{"t": "float", "v": "not-hex"}'),
    frame(b'{"t": "bool"}'),                      # a field missing
], ids=["empty", "short-counts", "cut-header", "bad-json", "trailing", "bad-npy", "missing-blob", "unknown-kind",
        "not-object", "list-of-int", "bad-int", "bad-float", "missing-field"])
def test_malformed_bytes_are_a_wire_error(data):
    with pytest.raises(WireError):
        decode(data)


def test_a_blob_count_larger_than_the_message_is_a_wire_error():
    with pytest.raises(WireError):
        decode(struct.pack("<II", 2, 1000) + b"{}")


def test_a_pickled_object_array_in_a_blob_is_refused():
    import io

    buf = io.BytesIO()
    np.save(buf, np.array([object()], dtype=object), allow_pickle=True)
    with pytest.raises(WireError):
        decode(frame(b'{"t": "array", "i": 0}', buf.getvalue()))


def test_a_hand_built_message_in_the_documented_layout_decodes():
    header = json.dumps({"t": "dict", "v": {"w": {"t": "array", "i": 0}, "n": {"t": "int", "v": "3"}}}).encode()
    back = decode(frame(header, npy(np.eye(2))))
    assert back["n"] == 3 and np.array_equal(back["w"], np.eye(2))


def test_a_message_over_the_size_limit_is_refused_before_it_is_parsed(monkeypatch):
    data = encode(np.zeros(1000))
    monkeypatch.setattr(wire, "MAX_BYTES", len(data) - 1)
    with pytest.raises(WireError, match="too large"):
        decode(data)
    monkeypatch.setattr(wire, "MAX_BYTES", len(data))
    assert decode(data).shape == (1000,)


# Learner code can write its own bytes to the result pipe, so decode's promise (a WireError on anything
# malformed) is what keeps a crafted result from surfacing in the grader as some other exception.
@pytest.mark.parametrize("header", [
    b"[" * 100_000 + b"]" * 100_000,              # JSON nested past the parser's recursion limit
    b'{"t": "dict", "v": [1]}',                   # a dict node whose items are a list
    b'{"t": "float", "v": "0x1p99999"}',          # a hex float too large for a float
], ids=["deep-json", "dict-of-list", "huge-float"])
def test_crafted_headers_are_a_wire_error(header):
    with pytest.raises(WireError):
        decode(frame(header))

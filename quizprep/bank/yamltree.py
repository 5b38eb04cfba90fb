"""Safe YAML reading that keeps positions and refuses what banks never need.

The C parser composes the node tree; we build plain values from it ourselves, so no object is ever
constructed from a tag, duplicate keys are caught (PyYAML silently keeps the last one), and anchors
and aliases are refused before anything is expanded.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import ProblemList

try:  # the C parser where libyaml is present, else the pure-Python one
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (_T + s for s in ("str", "int", "float", "bool", "null", "timestamp"))
_MAP, _SEQ = _T + "map", _T + "seq"
_construct = yaml.constructor.SafeConstructor()
_CONVERT = {
    INT: _construct.construct_yaml_int,
    FLOAT: _construct.construct_yaml_float,
    BOOL: _construct.construct_yaml_bool,
}
# A cheap superset of where an anchor or alias can stand; a hit is confirmed with the event stream.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*][^\s,\[\]{}]", re.MULTILINE)


class YamlMap(dict):
    """A mapping with the key and value node of every entry, for positions and raw text.

    `tainted` is set when a problem was found inside it while parsing (a duplicate key, a tag).
    """

    __slots__ = ("node", "key_nodes", "value_nodes", "tainted")


class YamlList(list):
    """A sequence with the node of every item."""

    __slots__ = ("node", "nodes", "tainted")


def read_text(data: bytes, problems: ProblemList) -> str | None:
    """Decode a bank file as UTF-8, reporting where it is not."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n")
        col = err.start - (before.rfind(b"\n") + 1)
        problems.at((line, col), f"the file is not UTF-8 (byte 0x{data[err.start]:02x}) — save it as UTF-8")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.at((0, 0), "the file is empty — add `topic:`, `title:` and `questions:`")
        return None
    return text


def parse(text: str, problems: ProblemList):
    """Parse one YAML document into plain values (YamlMap/YamlList/scalars), or None on failure."""
    if _MAYBE_ANCHOR.search(text) and _report_anchors(text, problems):
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or "invalid YAML"
        if err.context:
            what = f"{err.context}, {what}"
            if err.context_mark and mark and err.context_mark.line != mark.line:
                what += f" (the construct starts at line {err.context_mark.line + 1})"
        problems.at((mark.line, mark.column) if mark else (0, 0), f"YAML syntax error: {what} — fix the YAML at this point")
        return None
    except yaml.YAMLError as err:
        message = str(err).splitlines()[0]
        if "but found another document" in str(err) or "expected a single document" in str(err):
            message = "the file holds more than one YAML document — keep one bank per file, remove `---`"
        problems.at((0, 0), message)
        return None
    if root is None:
        problems.at((0, 0), "the file is empty — add `topic:`, `title:` and `questions:`")
        return None
    return _build(root, problems)


def _report_anchors(text: str, problems: ProblemList) -> bool:
    found = False
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                problems.at(event, f"alias `*{event.anchor}` — banks do not use anchors or aliases; write the value out")
                found = True
            elif getattr(event, "anchor", None):
                problems.at(event, f"anchor `&{event.anchor}` — banks do not use anchors or aliases; remove it")
                found = True
    except yaml.YAMLError:
        return False  # let compose report the syntax error with its position
    return found


def _build(node, problems: ProblemList):
    if isinstance(node, ScalarNode):
        tag = node.tag
        if tag == STR or tag == TIMESTAMP:
            return node.value
        if tag == NULL:
            return None
        convert = _CONVERT.get(tag)
        if convert is None:
            problems.at(node, f"tag `{tag}` — banks hold plain text, numbers and booleans; remove the tag")
            return node.value
        return convert(node)
    before = len(problems)
    if isinstance(node, MappingNode):
        if node.tag != _MAP:
            problems.at(node, f"tag `{node.tag}` — banks hold plain mappings; remove the tag")
        out = YamlMap()
        out.node = node
        out.key_nodes = {}
        out.value_nodes = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.at(key_node, "a key must be a plain word — write `name: value`")
                continue
            if key_node.tag == _T + "merge":
                problems.at(key_node, "merge keys (`<<`) are not used in banks — write the fields out")
                continue
            key = key_node.value
            if key in out.key_nodes:
                first = out.key_nodes[key].start_mark.line + 1
                problems.at(key_node, f"duplicate key `{key}` (first at line {first}) — YAML would keep only the last; remove one")
                continue
            out.key_nodes[key] = key_node
            out.value_nodes[key] = value_node
            out[key] = _build(value_node, problems)
        out.tainted = len(problems) > before
        return out
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ:
            problems.at(node, f"tag `{node.tag}` — banks hold plain lists; remove the tag")
        out = YamlList(_build(item, problems) for item in node.value)
        out.node = node
        out.nodes = node.value
        out.tainted = len(problems) > before
        return out
    problems.at(node, "unexpected YAML node")  # pragma: no cover - PyYAML has only the three kinds
    return None

"""Read one YAML document into plain Python data, remembering the line of every key and item.

PyYAML's constructors throw positions away, so we compose the node graph (with libyaml's C
composer when it is available) and convert the nodes ourselves. Along the way we reject what
the content format does not allow and report it with a position: anchors and aliases,
duplicate keys, non-string keys, unknown tags, more than one document.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

try:  # libyaml's C composer is ~10x faster; fall back to pure Python where it is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]
_STR = "tag:yaml.org,2002:str"


class YamlProblem(Exception):
    def __init__(self, line: int, message: str, path: Path = ()):
        self.line, self.message, self.path = line, message, path
        super().__init__(f"{line}: {message}")


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def decode(raw: bytes) -> str:
    """UTF-8 (an optional BOM is allowed) or a YamlProblem naming the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            line, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); expected UTF-8 text"
        ) from None


def parse(text: str) -> tuple[Any, dict[Path, int], list[YamlProblem]]:
    """Parse `text`; return (data, lines by path, problems that did not stop the parse).

    Raises YamlProblem for syntax errors (with the parser's line and column).
    """
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = f", column {mark.column + 1}" if mark else ""
        what = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise YamlProblem(line, f"YAML syntax error{col}: {what}; expected valid YAML") from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        position = getattr(exc, "position", 0) or 0
        line = text[:position].count("\n") + 1
        raise YamlProblem(line, f"YAML cannot read this file: {exc}; expected plain UTF-8 text") from None
    if node is None:
        return None, {}, []
    conv = _Converter()
    try:
        data = conv.convert(node, ())
    except RecursionError:
        raise YamlProblem(1, "nesting is too deep; expected the content format's shallow structure") from None
    return data, conv.lines, conv.problems


class _Converter:
    def __init__(self) -> None:
        self.lines: dict[Path, int] = {}
        self.problems: list[YamlProblem] = []
        self._seen: set[int] = set()
        self._scalars = SafeConstructor()

    def convert(self, node: yaml.Node, path: Path) -> Any:
        line = node.start_mark.line + 1
        self.lines.setdefault(path, line)
        if id(node) in self._seen:  # an alias: report it where it is used, not at the anchor
            self.problems.append(YamlProblem(self.lines[path], "anchors and aliases are not supported; expected the value written out", path))
            return None
        self._seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append(YamlProblem(key_line, "a key must be a plain word; expected `name: value`", path))
                    continue
                key = self._scalar(key_node, path)
                if key == "<<" or key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.append(YamlProblem(key_line, "merge keys (<<) are not supported; expected the fields written out", path))
                    continue
                if not isinstance(key, str):
                    self.problems.append(
                        YamlProblem(key_line, f"key {key!r} is a {type(key).__name__}; expected a text key", path)
                    )
                    key = str(key)
                if key in out:
                    first = self.lines.get(path + (key,), key_line)
                    self.problems.append(
                        YamlProblem(key_line, f"duplicate key '{key}' (first at line {first}); expected each key once", path + (key,))
                    )
                    continue
                self.lines[path + (key,)] = key_line
                out[key] = self.convert(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: Path) -> Any:
        if node.tag == _STR:  # most scalars: skip the generic constructor's bookkeeping
            return node.value
        try:
            return self._scalars.construct_object(node)
        except Exception as exc:  # unknown tags, impossible dates, binary that is not base64 ...
            problem = getattr(exc, "problem", None) or str(exc)
            self.problems.append(
                YamlProblem(node.start_mark.line + 1, f"cannot read value ({problem}); expected plain text, a number or true/false", path)
            )
            return None

"""Read one YAML document into plain Python data, remembering the line of every key and item.

PyYAML's constructors throw positions away. We subclass its safe loader (libyaml's C parser
underneath when available) so that building each mapping and list also records the line of
each key and item, keyed by the container's identity: no second walk over the data. On the
way we reject what the content format does not allow, each with a position: anchors and
aliases, merge keys, duplicate keys, non-text keys, more than one document.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from typing import Any

import yaml

try:  # libyaml's C parser is much faster; fall back to pure Python where it is missing.
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base  # type: ignore[assignment]

Path = tuple[str | int, ...]


class YamlProblem(Exception):
    """A problem at a line. `structural` is False when the data is whole and only its text is wrong
    (a value cut at ` #`): the validator then still builds and checks the item around it."""

    def __init__(self, line: int, message: str, path: Path = (), *, structural: bool = True):
        self.line, self.message, self.path, self.structural = line, message, path, structural
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


class Locator:
    """Finds the line of a key path in data built by `parse`."""

    def __init__(self, data: Any, lines_by_id: dict[int, tuple[int, Any]], root_line: int):
        self._data, self._by_id, self._root_line = data, lines_by_id, root_line

    @classmethod
    def unknown(cls) -> Locator:
        """For data read without lines: every path is at line 0, which messages show as no line."""
        return cls(None, {}, 0)

    def line(self, path: Path) -> int:
        best, node = self._root_line, self._data
        for part in path:
            info = self._by_id.get(id(node))
            if info is None:
                break
            best = info[0]
            try:
                best = info[1][part]
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        return best


class _Loader(_Base):
    """Safe loader that records lines and refuses what the content format does not allow."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.lines_by_id: dict[int, tuple[int, Any]] = {}
        self.problems: list[YamlProblem] = []
        self._keep: list[Any] = []  # keep containers alive so their ids stay unique
        self._paths: dict[int, Path] = {}
        self._text = stream
        self._hash_lines: dict[int, str] | None = None  # the lines holding a '#', by index: made on first use

    def _child(self, parent: Any, part: str | int, value_node: yaml.Node, line: int) -> Any:
        path = self._paths.get(id(parent), ()) + (part,)
        if value_node in self.constructed_objects or value_node in self.recursive_objects:
            self.problems.append(
                YamlProblem(line, "anchors and aliases are not supported; expected the value written out", path)
            )
            return None
        value = self.construct_object(value_node)
        if isinstance(value, (dict, list)):
            self._paths[id(value)] = path
        elif isinstance(value, str) and isinstance(value_node, yaml.ScalarNode) and value_node.style in (None, ""):
            self._check_cut(value, value_node, path)
        return value

    def _check_cut(self, value: str, node: yaml.Node, path: Path) -> None:
        """Report plain text that YAML silently ended at ` #`: the rest of its line became a comment.

        A trailing comment is kept for one-word values (`kind: evidence  # orientation|...`), where
        authors write them on purpose, unless the `#` touches the next character (`#1`, `#MS`):
        after prose, or glued to a word, it is almost always text that was meant to be read.
        """
        if self._hash_lines is None:
            self._hash_lines = (
                {i: line for i, line in enumerate(self._text.splitlines()) if "#" in line} if "#" in self._text else {}
            )
        end = node.end_mark
        line = self._hash_lines.get(end.line)
        if line is None:
            return
        m = _TRAILING_COMMENT.match(line, end.column)
        if m is None or not (any(ch.isspace() for ch in value) or m.group(1)[1:2].strip()):
            return
        tail = value if len(value) <= 40 else "…" + value[-39:]
        cut = m.group(1) if len(m.group(1)) <= 30 else m.group(1)[:29] + "…"
        self.problems.append(
            YamlProblem(
                end.line + 1,
                f"text is cut at ' #': YAML reads '{cut}' as a comment, so the value ends at '{tail}'; "
                'expected the whole text: put it in quotes ("...") or use a block scalar (>-)',
                path,
                structural=False,
            )
        )

    def construct_yaml_map(self, node: yaml.MappingNode) -> Generator[dict[Any, Any], None, None]:
        data: dict[str, Any] = {}
        self._keep.append(data)
        yield data
        lines: dict[str, int] = {}
        self.lines_by_id[id(data)] = (node.start_mark.line + 1, lines)
        path = self._paths.get(id(data), ())
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    YamlProblem(key_line, "merge keys (<<) are not supported; expected the fields written out", path)
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(YamlProblem(key_line, "a key must be a plain word; expected `name: value`", path))
                continue
            key = self.construct_object(key_node)
            if not isinstance(key, str):
                self.problems.append(
                    YamlProblem(key_line, f"key {key!r} is a {type(key).__name__}; expected a text key", path)
                )
                key = str(key)
            if key in data:
                self.problems.append(
                    YamlProblem(
                        key_line,
                        f"duplicate key '{key}' (first at line {lines[key]}); expected each key once",
                        path + (key,),
                    )
                )
                continue
            lines[key] = key_line
            data[key] = self._child(data, key, value_node, key_line)

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Generator[list[Any], None, None]:
        data: list[Any] = []
        self._keep.append(data)
        yield data
        lines = [item.start_mark.line + 1 for item in node.value]
        self.lines_by_id[id(data)] = (node.start_mark.line + 1, lines)
        for i, item in enumerate(node.value):
            data.append(self._child(data, i, item, lines[i]))

    def construct_undefined(self, node: yaml.Node) -> Any:  # unknown tags: keep going, report once each
        self.problems.append(
            YamlProblem(
                node.start_mark.line + 1,
                f"unknown tag {node.tag}; expected plain text, a number or true/false",
                self._paths.get(id(node), ()),
            )
        )
        return None

    def construct_text_timestamp(self, node: yaml.ScalarNode) -> str:
        return self.construct_scalar(node)  # dates stay text: the format has no date fields


#: A comment right after a plain value. (Lines are split with str.splitlines: it also splits at
#: \v, \f and \x1c-\x1e, which YAML refuses before any value is built, so line numbers agree.)
_TRAILING_COMMENT = re.compile(r"[ \t]+(#.*)")

_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_text_timestamp)
_Loader.add_constructor(None, _Loader.construct_undefined)


def parse(text: str) -> tuple[Any, Locator, list[YamlProblem]]:
    """Parse `text`; return (data, a Locator for lines by key path, problems that did not stop the parse).

    Raises YamlProblem for errors that stop the parse (with the parser's line and column).
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Locator(None, {}, 1), []
        data = loader.construct_document(node)
        root_line = node.start_mark.line + 1
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = f", column {mark.column + 1}" if mark else ""
        what = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        kind = "cannot read value" if isinstance(exc, yaml.constructor.ConstructorError) else "YAML syntax error"
        raise YamlProblem(line, f"{kind}{col}: {what}; expected valid YAML") from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        position = getattr(exc, "position", 0) or 0
        line = text[:position].count("\n") + 1
        raise YamlProblem(line, f"YAML cannot read this file: {exc}; expected plain UTF-8 text") from None
    except RecursionError:
        raise YamlProblem(1, "nesting is too deep; expected the content format's shallow structure") from None
    except (ValueError, OverflowError, TypeError) as exc:  # a scalar the safe constructors choke on
        raise YamlProblem(1, f"cannot read a value ({exc}); expected plain text, numbers and true/false") from None
    finally:
        loader.dispose()
    return data, Locator(data, loader.lines_by_id, root_line), loader.problems

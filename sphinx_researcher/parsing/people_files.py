"""Reading the YAML, TOML or JSON file ``researcher_people`` names, with the line of each entry.

The libraries parse; this module only asks them where things are: PyYAML's node marks give
the line of every key and list item, a duplicate key is caught while the mapping is built (a
plain ``dict`` would keep the last one silently), and a syntax error keeps the library's line.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class RegistryError(ValueError):
    """A file that cannot be parsed: the library's message and the line it points at (0: none)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Duplicate:
    key: str
    line: int  # the repeated key's line (0: not known)
    first_line: int
    top_level: bool  # a member id (else a field inside one member)


@dataclass
class RegistryFile:
    value: Any
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key → line
    item_lines: list[int] = field(default_factory=list)  # top-level list item → line
    field_lines: dict[str | int, dict[str, int]] = field(default_factory=dict)  # member (key or index) → field → line
    duplicates: list[Duplicate] = field(default_factory=list)


def read_registry(path: Path, text: str) -> RegistryFile:
    suffix = path.suffix.lower()
    if suffix == ".toml":
        return _read_toml(text)  # TOML itself forbids a repeated key
    if suffix == ".json":
        return _read_json(text)
    return _read_yaml(text)


def _read_toml(text: str) -> RegistryFile:
    try:
        value = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\s*\(at line (\d+), column \d+\)$", message)  # Python 3.11 has no lineno
        if found:
            raise RegistryError(message[: found.start()], int(found.group(1))) from error
        raise RegistryError(message) from error
    # [[people]] tables, one per member, in order: each starts at its header.
    headers = [text.count("\n", 0, match.start()) + 1 for match in _TOML_PEOPLE_ITEM.finditer(text)]
    people = value.get("people")
    return RegistryFile(value, item_lines=headers if isinstance(people, list) and len(headers) == len(people) else [])


_TOML_PEOPLE_ITEM = re.compile(r"^[ \t]*\[\[[ \t]*[\"']?people[\"']?[ \t]*\]\]", re.MULTILINE)


def _read_json(text: str) -> RegistryFile:
    objects: list[list[str]] = []  # each object's keys as written; the root comes last

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        objects.append([key for key, _value in pairs])
        result: dict[str, Any] = {}
        for key, value in pairs:
            result.setdefault(key, value)  # the first is kept, as in a list-form registry
        return result

    try:
        value = json.loads(text, object_pairs_hook=pairs_hook)
    except json.JSONDecodeError as error:
        raise RegistryError(error.msg, error.lineno) from error
    loaded = RegistryFile(value)
    for index, keys in enumerate(objects):
        top_level = isinstance(value, dict) and index == len(objects) - 1
        for position, key in enumerate(keys):
            count = keys[: position + 1].count(key)
            if count < 2:
                continue
            # json gives no positions: a member id's lines are where `"id":` is written, in
            # order (an id is no field name); a field's line is left to the caller (0).
            lines = _json_key_lines(text, key) if top_level else []
            found = len(lines) >= count
            loaded.duplicates.append(Duplicate(key, lines[count - 1] if found else 0,
                                               lines[0] if found else 0, top_level))
    if isinstance(value, dict):
        for key in value:
            lines = _json_key_lines(text, key)
            if lines:
                loaded.key_lines[key] = lines[0]
    elif isinstance(value, list):
        loaded.item_lines = _json_item_lines(text, len(value))
    return loaded


def _json_item_lines(text: str, count: int) -> list[int]:
    """The line where each item of a top-level JSON array starts, read item by item by the
    json library itself ([] if that does not give ``count`` of them)."""
    decoder = json.JSONDecoder()
    lines: list[int] = []
    index = text.find("[") + 1
    try:
        while True:
            index = _skip_space(text, index)
            if text[index] == "]":
                break
            lines.append(text.count("\n", 0, index) + 1)
            _item, index = decoder.raw_decode(text, index)
            index = _skip_space(text, index)
            if text[index] == ",":
                index += 1
    except (IndexError, ValueError):
        return []
    return lines if len(lines) == count else []


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _json_key_lines(text: str, key: str) -> list[int]:
    pattern = re.compile(r'"' + re.escape(json.dumps(key)[1:-1]) + r'"\s*:')
    return [text.count("\n", 0, match.start()) + 1 for match in pattern.finditer(text)]


def _read_yaml(text: str) -> RegistryFile:
    import yaml  # MyST-Parser depends on PyYAML

    class LineLoader(yaml.SafeLoader):
        """SafeLoader that keeps the first of two equal keys and says where each was."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.root: yaml.Node | None = None
            self.duplicates: list[Duplicate] = []

        def construct_document(self, node: yaml.Node) -> Any:
            self.root = node
            return super().construct_document(node)

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            first_lines: dict[Any, int] = {}
            kept = []
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    kept.append((key_node, value_node))
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = first_lines.get(key)
                except TypeError:  # an unhashable key: PyYAML's own error follows
                    kept.append((key_node, value_node))
                    continue
                line = key_node.start_mark.line + 1
                if first is None:
                    first_lines[key] = line
                    kept.append((key_node, value_node))
                else:
                    self.duplicates.append(Duplicate(str(key), line, first, node is self.root))
            node.value = kept
            return super().construct_mapping(node, deep)

    loader = LineLoader(text)
    try:
        value = loader.get_single_data()
        root = loader.root
    except yaml.MarkedYAMLError as error:
        raise _yaml_error(error, text) from error
    except yaml.YAMLError as error:
        raise RegistryError(str(error).replace("\n", " ")) from error
    finally:
        loader.dispose()
    loaded = RegistryFile(value, duplicates=loader.duplicates)
    members: list[tuple[str | int, yaml.Node]] = []
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if isinstance(key_node, yaml.ScalarNode):
                loaded.key_lines.setdefault(str(key_node.value), key_node.start_mark.line + 1)
                members.append((str(key_node.value), value_node))
    elif isinstance(root, yaml.SequenceNode):
        loaded.item_lines = [item.start_mark.line + 1 for item in root.value]
        members = list(enumerate(root.value))
    for member, node in members:
        if isinstance(node, yaml.MappingNode):
            lines = loaded.field_lines.setdefault(member, {})
            for key_node, _value in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    lines.setdefault(str(key_node.value), key_node.start_mark.line + 1)
    return loaded


def _yaml_error(error: Any, text: str) -> RegistryError:
    """"while scanning a quoted scalar, found unexpected end of stream" at the line it names:
    the problem's line, or where the construct began when the problem is the end of the file."""
    mark = error.problem_mark
    if mark is None or (error.context_mark is not None and mark.index >= len(text.rstrip())):
        mark = error.context_mark or mark
    message = ", ".join(part for part in (error.context, error.problem) if part)
    return RegistryError(message or "not valid YAML", mark.line + 1 if mark is not None else 0)

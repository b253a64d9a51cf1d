"""YAML with line numbers, and pydantic's messages in Dutch: so that an error in a data file reads
"h10.yaml, regel 12 (indicator h10.13): …". Shared by every validated data file of the catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError


class _Mapping(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers the line of each key (1-based)."""

    lines: dict[Any, int]


class _Sequence(list):  # type: ignore[type-arg]
    """A YAML sequence that remembers the line of each item (1-based)."""

    lines: list[int]


# libyaml's parser where installed (PyYAML's wheels have it): the catalogue's 80 files parse ten times faster
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(SafeLoader):  # type: ignore[misc,valid-type]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Mapping:  # type: ignore[override]
        result = _Mapping(super().construct_mapping(node, deep=True))
        result.lines = {self.construct_object(k, deep=True): k.start_mark.line + 1 for k, _ in node.value}
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> _Sequence:  # type: ignore[override]
        result = _Sequence(super().construct_sequence(node, deep=True))
        result.lines = [item.start_mark.line + 1 for item in node.value]
        return result


LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:seq", LineLoader.construct_sequence)


def locate(data: Any, loc: tuple[int | str, ...]) -> tuple[int | None, str | None]:
    """The line of the deepest node on ``loc`` and the id of the indicator it lies in."""
    line, indicator_id, node = None, None, data
    for key in loc:
        if isinstance(node, _Mapping) and key in node:
            line, node = node.lines.get(key, line), node[key]
        elif isinstance(node, _Sequence) and isinstance(key, int) and key < len(node):
            line, node = node.lines[key], node[key]
        else:
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            indicator_id = node["id"]
    return line, indicator_id


MESSAGES = {  # pydantic's English messages for the common mistakes, in Dutch
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld",
    "string_too_short": "mag niet leeg zijn",
    "too_short": "mag niet leeg zijn",
    "string_pattern_mismatch": "heeft niet de juiste vorm",
    "string_type": "moet tekst zijn",
    "model_type": "moet een verzameling velden zijn",
    "tuple_type": "moet een lijst zijn",
    "dict_type": "moet een verzameling sleutels en waarden zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "greater_than_equal": "mag niet negatief zijn",
}


def read_yaml(path: Path, error: type[Exception]) -> Any:
    """Read a YAML data file with line numbers; a Dutch ``error`` naming file and line when it cannot."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader)  # LineLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path.name}, regel {mark.line + 1}" if mark else path.name
        raise error(f"{where}: geen geldige YAML ({getattr(exc, 'problem', exc)})") from None
    except OSError as exc:
        raise error(f"{path.name}: kan het bestand niet lezen ({exc.strerror})") from None


def describe_errors(path: Path, exc: ValidationError, data: object, more: dict[str, str]) -> str:
    """Each of pydantic's errors as 'raad.yaml, regel N: hoofdstukken.0.titel: message' in Dutch; ``more``
    adds messages with the error's context (e.g. ``{"literal_error": "moet een van {expected} zijn"}``)."""
    lines = []
    errors = exc.errors()
    locs = [tuple(e["loc"]) for e in errors]
    for err in errors:
        if any(other != err["loc"] and other[: len(err["loc"])] == err["loc"] for other in locs):
            continue  # an error about a container whose item is already reported
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        line, _ = locate(data, loc)
        where = path.name + (f", regel {line}" if line else "")
        message = MESSAGES.get(err["type"], str(err["msg"]).removeprefix("Value error, "))
        if err["type"] in more:
            message = more[err["type"]].format(**err.get("ctx", {})).replace("' or '", "' of '")
        lines.append(f"{where}: {'.'.join(str(p) for p in loc) or 'bestand'}: {message}")
    return "\n".join(lines)

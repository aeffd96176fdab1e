"""Reading YAML safely, and finding where in the text a value came from.

The fast path is libyaml's C parser with a constructor that refuses duplicate
keys. Line maps (a composed node tree) are built only when there is an error
to place, since most files are valid and building them costs as much as
parsing again.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import yaml

from zi_plan.errors import Problem
from zi_plan.fs.fsguard import NotAFile, read_regular, reason
from zi_plan.i18n import _
from zi_plan.schema import yamlfast
from zi_plan.schema.yamlfast import Each
from zi_plan.schema.yamltexts import explain

try:  # libyaml keeps line marks too, and parses many times faster
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

Loc = Sequence["str | int"]


class YamlError(Exception):
    """A YAML document that cannot be read; carries a 1-based position."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def problem(self, path: str) -> Problem:
        return Problem(path, self.line, self.column, self.message)


def _mark(mark: yaml.Mark | None) -> tuple[int | None, int | None]:
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


_STR = "tag:yaml.org,2002:str"


class _StrictLoader(_SafeLoader):
    """SafeLoader that refuses duplicate keys and merge keys.

    PyYAML keeps the last of two equal keys without a word; in a decree that
    silently drops a value, so it is an error naming both lines.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # PyYAML's constructors raise plain ValueError, KeyError ... for a
        # value that looks like a date, number or boolean but is not one
        # (2023-02-30, !!int abc, !!bool maybe, 5000 digits): give it its place.
        try:
            return super().construct_object(node, deep=deep)
        except (YamlError, yaml.YAMLError):
            raise
        except (ValueError, KeyError, TypeError, OverflowError, AttributeError, IndexError) as exc:
            raise constructor_problem(node) from exc

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, found {type(node).__name__}", node.start_mark
            )
        mapping: dict[Any, Any] = {}
        built = self.constructed_objects
        for key_node, value_node in node.value:
            if key_node in built or value_node in built:  # met before: an alias
                raise _Alias
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, col = _mark(key_node.start_mark)
                raise YamlError(_("merge keys ('<<') are not allowed: write the keys out"), line, col)
            if key_node.tag == _STR and isinstance(key_node, yaml.ScalarNode):
                # What construct_object would do for a text key, without its
                # five calls: keys are a third of a plan's nodes.
                key = built[key_node] = key_node.value
            else:
                key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                # YAML 1.1 reads `no:`, `on:` or `2023:` as a boolean or a number.
                line, col = _mark(key_node.start_mark)
                if not isinstance(key, Hashable):
                    raise YamlError(_("a key must be text, not a list or mapping"), line, col)
                raise YamlError(
                    _("a key must be text, and YAML reads '{key}' as {kind}; put the key in quotes").format(
                        key=key_node.value, kind=_("true/false") if isinstance(key, bool) else _("a number")
                    ),
                    line,
                    col,
                )
            if key in mapping:
                first = next(k for k, _v in node.value if k is not key_node and k.value == key_node.value)
                line, col = _mark(key_node.start_mark)
                raise YamlError(
                    _("duplicate key '{key}': it is already set on line {line}; keep one of the two").format(
                        key=key, line=first.start_mark.line + 1
                    ),
                    line,
                    col,
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> list[Any]:
        built = self.constructed_objects
        if any(child in built for child in node.value):  # met before: an alias
            raise _Alias
        return super().construct_sequence(node, deep=deep)


class _Alias(Exception):
    """An alias met while building the data (every node is built once, so a
    node met again came through an alias); its place is found afterwards."""


def _refuse_tag(loader: Any, node: yaml.Node) -> Any:
    raise yaml.constructor.ConstructorError(None, None, f"could not determine a constructor for the tag '{node.tag}'", node.start_mark)


# Bytes, sets and ordered pairs are no plan or journal value; refused like any
# other tag rather than reaching code that expects text.
for _tag in ("binary", "set", "omap", "pairs"):
    _StrictLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)


def constructor_problem(node: yaml.Node) -> YamlError:
    """A value YAML cannot build, as a problem at its line and column."""
    kind = node.tag.rsplit(":", 1)[-1]
    kinds = {"timestamp": _("a date (YYYY-MM-DD, a day that exists)"), "int": _("a whole number"),
             "float": _("a number"), "bool": _("true/false")}  # fmt: skip
    value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    shown = value if len(value) <= 40 else value[:40] + "…"
    line, col = _mark(node.start_mark)
    if kind == "int" and len(value) > 4000:
        message = _("a number of {digits} digits is too long; put it in quotes if it is text").format(digits=len(value))
    else:
        message = _("'{value}' cannot be read as {kind}; correct it, or put it in quotes to keep it as text").format(
            value=shown, kind=kinds.get(kind, node.tag)
        )
    return YamlError(message, line, col)


def _first_alias(text: str) -> Any:  # a yaml Mark (pure-Python or libyaml's), or None
    """Where the first alias (``*name``) is, if any.

    Aliases are refused: a few hundred bytes of nested aliases expand to
    billions of nodes for whatever walks the data. They are noticed while the
    data is built; this second look, for the alias's place, is only taken then.
    """
    if "*" not in text:
        return None
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark
    return None


def read_text(path: Path) -> str:
    """The file's text as UTF-8, or a YamlError saying what is wrong with it."""
    try:
        raw = read_regular(path)  # a FIFO or /dev/zero is refused before it is read
    except FileNotFoundError:
        raise YamlError(_("file not found")) from None
    except IsADirectoryError:
        raise YamlError(_("is a directory, not a YAML file")) from None
    except NotAFile as exc:
        raise YamlError(exc.strerror or "") from None
    except PermissionError:
        raise YamlError(_("permission denied: the file cannot be read")) from None
    except OSError as exc:
        raise YamlError(_("cannot be read: {reason}").format(reason=reason(exc))) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            _("not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8").format(byte=raw[exc.start]), line, column
        ) from None


def parse(text: str, each: Each | None = None) -> Any:
    """Parse one YAML document safely, refusing aliases and duplicate keys.

    Plain data (most files) is built straight from libyaml's events
    (zi_plan.schema.yamlfast); anything else goes through the strict loader,
    which builds the same data or says what is wrong and where. ``each``:
    as yamlfast.load, for the top-level ``records`` list.
    """
    try:
        return yamlfast.load(text, each)
    except yamlfast.Unusual:
        pass
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - _StrictLoader is a SafeLoader
    except _Alias:
        line, col = _mark(_first_alias_or_error(text))
        raise YamlError(
            _("aliases ('*name') are not allowed: write the value out in full"), line, col
        ) from None
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        raise _from_marked(exc) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise YamlError(str(exc)) from None
    records = data.get("records") if each is not None and isinstance(data, dict) else None
    if isinstance(records, list):  # read the strict way (an anchor, a tag ...): handed on all the same
        data["records"] = [each(index, record) for index, record in enumerate(records)]  # type: ignore[misc]
    return data


def _first_alias_or_error(text: str) -> Any:
    try:
        return _first_alias(text)
    except yaml.MarkedYAMLError as exc:
        raise _from_marked(exc) from None


def _from_marked(exc: yaml.MarkedYAMLError) -> YamlError:
    problem = exc.problem or "invalid YAML"
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip().strip("'")
        message = _("tag {tag} is not allowed: plan files hold plain text, numbers, lists and mappings").format(tag=tag)
        line, col = _mark(exc.problem_mark or exc.context_mark)
        return YamlError(message, line, col)

    return YamlError(*explain(exc))


def compose(text: str) -> yaml.Node | None:
    """The node tree with line marks; only called to place an error."""
    return yaml.compose(text, Loader=_SafeLoader)


def locate(root: yaml.Node | None, loc: Loc, *, key: bool = False) -> tuple[int | None, int | None]:
    """1-based (line, column) of the node at ``loc``, or its nearest ancestor.

    With ``key=True`` and a mapping entry last in ``loc``, the key itself is
    pointed at (for "unknown key" and "duplicate" messages).
    """
    node = root
    if node is None:
        return None, None
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    if last and key:
                        return _mark(key_node.start_mark)
                    node = value_node
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            break
    return _mark(node.start_mark)

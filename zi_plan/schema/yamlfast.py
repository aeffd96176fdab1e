"""Building a plain YAML file's data straight from libyaml's events.

PyYAML's own load composes a tree of nodes (one Python object per scalar,
key and list, each with two marks) and then walks it again through the
constructor's generators: for a plan of 10,000 actions that is 0.5 s and
twice the file's data in memory. Most plans and journals are plain: text,
numbers, dates, lists and mappings, no tags, no anchors. For those the data
is built here from the event stream in one pass, about three times faster,
and a journal's records can be handed on one at a time instead of all being
held (``each``).

Anything else raises ``Unusual`` and the caller goes the strict way
(zi_plan.schema.yamlio), which gives the same data or the message with its
line: a syntax error, a tag, an anchor or alias, a merge key, a key that is
not text, a duplicate key, a value YAML cannot build. Plain scalars are
resolved with the loader's own implicit resolvers and built with PyYAML's
own constructors, so the data is the same as the strict loader's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import DocumentEndEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent

try:  # libyaml: without it there is no fast path
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = None  # type: ignore[assignment, misc]

Each = Callable[[int, Any], Any]  # (index, a record) -> what to keep of it

# The loader's own implicit resolvers by first character, as PyYAML's Resolver.resolve looks them up.
_ALL = yaml.resolver.Resolver.yaml_implicit_resolvers
_WILDCARD: list[Any] = _ALL.get(None, [])
_RESOLVERS = {first: [*found, *_WILDCARD] for first, found in _ALL.items() if first is not None}
_CONSTRUCT = SafeConstructor()
_BUILDERS = {
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": SafeConstructor.construct_yaml_timestamp,
}


class Unusual(Exception):
    """The text is not plain YAML data (or not YAML at all): read it the strict way."""


def _plain(value: str) -> Any:
    """A plain (unquoted) scalar as YAML 1.1 reads it: text, a number, a date, true/false or null."""
    for tag, regexp in _RESOLVERS.get(value[:1], _WILDCARD):  # value[:1] is '' for an empty scalar, as PyYAML looks it up
        if regexp.match(value):
            build = _BUILDERS.get(tag)
            if build is None:  # a merge key ('<<') or '=': the strict loader says what is wrong
                raise Unusual
            try:
                return build(_CONSTRUCT, yaml.ScalarNode(tag, value))
            except Exception as exc:  # noqa: BLE001 - 2023-02-30, a 5,000-digit number ...: placed by the strict loader
                raise Unusual from exc
    return value


def load(text: str, each: Each | None = None) -> Any:
    """The data of a one-document plain YAML ``text``; ``Unusual`` if it is not plain.

    With ``each``, the items of the top-level ``records`` list are passed to it
    as they are read, and the list holds what it returns.
    """
    if _Loader is None:  # pragma: no cover - depends on how PyYAML was built
        raise Unusual
    loader = _Loader(text)
    try:
        return _document(loader.get_event, each)
    except yaml.YAMLError as exc:
        raise Unusual from exc
    finally:
        loader.dispose()


def _document(get: Callable[[], Any], each: Each | None) -> Any:
    get()  # the stream's start
    event = get()
    if type(event) is StreamEndEvent:
        return None  # an empty file
    if event.tags or event.version:  # %TAG or %YAML directives
        raise Unusual
    value = _value(get, get(), each)
    if type(get()) is not DocumentEndEvent:
        raise Unusual  # pragma: no cover - libyaml always ends a document it started
    if type(get()) is not StreamEndEvent:
        raise Unusual  # a second document: the strict loader says so
    return value


def _value(get: Callable[[], Any], event: Any, each: Each | None = None) -> Any:  # noqa: C901 - one dispatch, kept flat for speed
    kind = type(event)
    if event.anchor is not None:
        raise Unusual
    if kind is ScalarEvent:
        if event.tag is not None:
            raise Unusual
        return _plain(event.value) if event.implicit[0] else event.value
    if event.tag is not None:
        raise Unusual
    if kind is MappingStartEvent:
        mapping: dict[str, Any] = {}
        while True:
            key_event = get()
            if type(key_event) is MappingEndEvent:
                return mapping
            if type(key_event) is not ScalarEvent or key_event.tag is not None or key_event.anchor is not None:
                raise Unusual
            key = _plain(key_event.value) if key_event.implicit[0] else key_event.value
            if type(key) is not str or key in mapping:
                raise Unusual
            if each is not None and key == "records":
                mapping[key] = _records(get, get(), each)
            else:
                mapping[key] = _value(get, get())
    if kind is SequenceStartEvent:
        items: list[Any] = []
        while True:
            event = get()
            if type(event) is SequenceEndEvent:
                return items
            items.append(_value(get, event))
    raise Unusual  # an alias


def _records(get: Callable[[], Any], event: Any, each: Each) -> Any:
    if type(event) is not SequenceStartEvent or event.tag is not None or event.anchor is not None:
        return _value(get, event)  # not a list: the schema says what is wrong
    kept: list[Any] = []
    while True:
        event = get()
        if type(event) is SequenceEndEvent:
            return kept
        kept.append(each(len(kept), _value(get, event)))

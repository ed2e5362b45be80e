"""A YAML loader for tests of the language data: it refuses a mapping that repeats a key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that raises ConstructorError on a duplicate mapping key."""


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def strings(obj: Any) -> Iterator[str]:
    """Every string in a parsed YAML document: keys and values, depth first."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from strings(v)


def lists(obj: Any, path: str = "") -> Iterator[tuple[str, list]]:
    """Every list in a parsed YAML document with its path ("/key/subkey")."""
    if isinstance(obj, list):
        yield path, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from lists(v, f"{path}/{k}")

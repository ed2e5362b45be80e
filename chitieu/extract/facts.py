"""Quantitative facts. (Placeholder.)"""

from chitieu.extract.normalize import Normalized
from chitieu.model import Fact, Span


def find_facts(n: Normalized, *, exclude: list[Span] | None = None) -> list[Fact]:
    return []

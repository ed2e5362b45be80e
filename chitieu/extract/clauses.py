"""Directives and requests as clauses. (Placeholder: returns nothing yet.)"""

from chitieu.extract.normalize import Normalized
from chitieu.model import Clause


def find_directives(n: Normalized) -> list[Clause]:
    return []


def find_requests(n: Normalized) -> list[Clause]:
    return []

"""Tallies of targets met. (Placeholder.)"""

from chitieu.extract.normalize import Normalized
from chitieu.model import Tally


def find_tallies(n: Normalized) -> list[Tally]:
    return []

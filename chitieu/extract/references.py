"""References to formal documents. (Placeholder.)"""

from chitieu.extract.normalize import Normalized
from chitieu.model import Reference


def find_references(n: Normalized) -> list[Reference]:
    return []

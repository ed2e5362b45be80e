"""Document fields: title, published, locality, period. (Placeholder.)"""

from chitieu.extract.normalize import Normalized
from chitieu.model import DocumentFields


def find_fields(n: Normalized, *, title: str | None = None, published: str | None = None) -> DocumentFields:
    return DocumentFields(title=title, published=published)

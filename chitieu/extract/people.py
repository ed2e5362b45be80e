"""People with their titles. (Placeholder.)"""

from chitieu.extract.normalize import Normalized
from chitieu.model import Person


def find_people(n: Normalized) -> list[Person]:
    return []

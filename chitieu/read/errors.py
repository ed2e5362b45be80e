"""The one error a reader raises."""


class ReadError(Exception):
    """A document that cannot be read; `reason` is a sentence for the user."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

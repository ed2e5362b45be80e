"""Every size and depth limit of the readers, in one place.

A reader refuses input beyond these limits with a `ReadError` before it spends
memory or time on it. Callers may pass their own `max_bytes`; the rest are fixed
guards against hostile files (zip bombs, endlessly nested HTML, huge PDFs).
"""

from __future__ import annotations

MB = 1024 * 1024

MAX_BYTES = 50 * MB  # a file (or one JSONL line) larger than this is refused unread
MAX_URL_BYTES = 20 * MB  # a download is cut off beyond this
URL_TIMEOUT = 20.0  # seconds for each network step (connect, read)
URL_CONNECT_TIMEOUT = 10.0
URL_MAX_REDIRECTS = 5

MAX_UNZIPPED = 200 * MB  # total declared size of the members of a DOCX
MAX_ZIP_RATIO = 100  # uncompressed / compressed size of one member ...
ZIP_RATIO_MIN_SIZE = 1 * MB  # ... checked for members larger than this

MAX_HTML_DEPTH = 1000  # open elements nested inside each other
MAX_HTML_MAIN_TEXT = 5_000_000  # characters; larger pages skip trafilatura (about 1 MB/s)
MAX_PDF_PAGES = 3000

SNIFF_BYTES = 128 * 1024  # how much of a byte stream is sampled to choose an encoding


def megabytes(n: int) -> str:
    """A size for a message: '50 MB', '200,3 MB'."""
    from chitieu.format import vn_number

    return f"{vn_number(n / MB, 1)} MB".replace(",0 MB", " MB")

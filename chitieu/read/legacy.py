"""Legacy Vietnamese font encodings: TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times).

Before Unicode, Vietnamese text was typed in 8-bit fonts: the bytes are ordinary
Windows-1252 bytes and only the font drew them as Vietnamese letters. Read without
the font, "Céng hßa" (TCVN3) or "Coäng hoøa" (VNI) appear. Such text reaches us as
raw bytes in a .txt file, or as Latin-1 letters inside a DOCX, PDF or web page.

No maintained PyPI package does just this conversion (we looked: `vniencoder`
covers VNI only and depends on an input-method library; `viparse` is a whole
document loader in its 0.1 series), so the tables live in
chitieu/data/legacy_encodings.yaml and this module applies them:
- TCVN3 maps one character to one letter (`str.translate`). TCVN3 has no uppercase
  toned letters (headings used the .VnTimeH font), so those come out lowercase.
- VNI writes a base letter followed by a mark ("aø" → "à"): each mark character
  becomes the combining marks it stands for, then NFC joins them (so VNI output is
  NFC). Both run in C (`str.translate`, `codecs.charmap_decode`): tens of MB/s.
Which one applies is decided by `detect`: convert a sample both ways and keep the
result only when it reads clearly more like Vietnamese than the text as it was
(see syllables.py). Mixed documents (part Unicode, part legacy) are converted whole
or not at all.
"""

from __future__ import annotations

import codecs
import unicodedata
from functools import cache

from chitieu.extract import lexicon
from chitieu.read.syllables import vietnamese_share

ENCODINGS = ("tcvn3", "vni")

# A conversion must read as Vietnamese (share of well-formed syllables among the
# non-ASCII words) at least this much, and beat the unconverted text by GAIN.
MIN_SHARE = 0.75
MIN_GAIN = 0.3
MIN_WORDS = 3
# Legacy text is read as Windows-1252 or Latin-1, so every character of it is one of
# those; Unicode Vietnamese has letters beyond (ă đ ơ ư ạ ả ấ ... ỹ), 60-86% of its
# non-ASCII characters in the reports we have seen. A sample with at least this share of
# its non-ASCII characters outside Windows-1252 is taken as Unicode without reading its
# words (the word check costs ten times as much).
BEYOND_SHARE = 0.5


@cache
def charmap(encoding: str) -> dict[int, str]:
    """One replacement per legacy character (`str.translate` table).

    VNI's two-character forms are split: the base letter stays, the mark character
    becomes the combining marks it adds (read off the table itself, and checked to
    be the same after every base); NFC then joins them ("aù" → "a" + U+0301 → "á").
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    table: dict[str, str] = lexicon.load("legacy_encodings")[encoding]
    singles = {k: v for k, v in table.items() if len(k) == 1}
    marks: dict[str, str] = {}
    for key, letter in table.items():
        if len(key) == 1:
            continue
        base = unicodedata.normalize("NFD", singles.get(key[0], key[0]))
        full = unicodedata.normalize("NFD", letter)
        mark = full[len(base):]
        if not full.startswith(base) or marks.setdefault(key[1], mark) != mark:
            raise ValueError(f"{encoding}: {key!r} → {letter!r} does not split into base + mark")
    return {ord(k): v for k, v in (singles | marks).items()}


@cache
def _byte_map(encoding: str) -> dict[int, str]:
    """Byte → text, for bytes typed in a legacy font (read as Windows-1252, else Latin-1)."""
    chars = {b: bytes([b]).decode("cp1252", errors="replace") for b in range(256)}
    table = charmap(encoding)
    return {b: table.get(ord(ch), ch) if ch != "\ufffd" else chr(b) for b, ch in chars.items()}


def convert(text: str, encoding: str) -> str:
    """`text` (legacy characters read as Latin-1) converted to Unicode letters."""
    out = text.translate(charmap(encoding))
    return unicodedata.normalize("NFC", out) if encoding == "vni" else out


def decode(data: bytes, encoding: str) -> str:
    """Bytes typed in a legacy font → Unicode text (one C-level pass plus NFC for VNI)."""
    out = codecs.charmap_decode(data, "strict", _byte_map(encoding))[0]
    return unicodedata.normalize("NFC", out) if encoding == "vni" else out


def detect(text: str, sample_chars: int = 131072) -> str | None:
    """'tcvn3' or 'vni' when `text` is legacy Vietnamese read as Latin-1, else None."""
    sample = text[:sample_chars]
    if sample.isascii():
        return None
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    beyond = len(sample) - len(sample.encode("cp1252", "ignore"))
    if beyond >= BEYOND_SHARE * non_ascii:
        return None
    share, _ = vietnamese_share(sample)
    if share > 1 - MIN_GAIN:  # already reads as Vietnamese: no conversion can gain enough
        return None
    best: tuple[float, str] | None = None
    for encoding in ENCODINGS:
        converted, words = vietnamese_share(convert(sample, encoding))
        if words >= MIN_WORDS and converted >= MIN_SHARE and converted - share >= MIN_GAIN \
                and (best is None or converted > best[0]):
            best = (converted, encoding)
    return best[1] if best else None

"""Plain text: bytes → str, with the encoding found, refusing binary data.

Order of decisions (`decode`):
1. empty → "tệp rỗng"; a byte-order mark → UTF-8 / UTF-16 / UTF-32;
   no BOM but NUL bytes in every other position → UTF-16 (LE or BE).
2. binary data (magic numbers of images, archives, programs; NUL bytes;
   many control characters) → ReadError "dữ liệu nhị phân ...".
3. strict UTF-8.
4. otherwise every candidate decoding of a sample — UTF-8 with replacement
   characters, the declared charset if any, Windows-1258, TCVN3, VNI — is scored
   by how Vietnamese it reads (syllables.py) and the best wins if it reads as
   Vietnamese. Failing that, a declared charset that decodes cleanly, else a
   ReadError. (charset-normalizer does pick Windows-1258 for Vietnamese, but for
   short non-Vietnamese texts it guesses wrong encodings such as mac_latin2 with a
   low "chaos"; silent mojibake is worse than a clear refusal, so it is not used.)

Invalid UTF-8 policy: a file that is UTF-8 apart from a few broken bytes (a cut
download, one corrupted character) is read with U+FFFD in their place and
`encoding="utf-8+replace"`, because its Vietnamese reads best that way. Bytes that
read as no Vietnamese encoding (and match no declared charset) are refused with
"không nhận ra bảng mã ký tự"; bytes whose only non-ASCII characters are
Windows-1258 punctuation (curly quotes, dashes) are read as Windows-1258.

Text decoded from a Unicode encoding may still hold legacy font characters (TCVN3,
VNI typed in an old font and saved as UTF-8): those are converted (legacy.py) and
the encoding is marked e.g. "utf-8+tcvn3". The text is otherwise kept as decoded
(Windows-1258 keeps its combining tone marks); the extractor normalizes it.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from chitieu.read import legacy
from chitieu.read.errors import ReadError
from chitieu.read.limits import SNIFF_BYTES
from chitieu.read.sniff import foreign_kind
from chitieu.read.syllables import vietnamese_share

BINARY = "dữ liệu nhị phân, không phải văn bản"
MIN_SHARE = 0.75  # share of well-formed syllables for a decoding to count as Vietnamese
MAX_CONTROL_SHARE = 0.01  # control characters tolerated in text

_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 first: its LE mark starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 control characters other than tab, line feed, vertical tab (a line break in text
# copied from Word), form feed and carriage return.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MIN_CONTROL_COUNT = 4  # a few stray control characters (an end-of-file mark) are tolerated


def decode(data: bytes, name: str, charset: str | None = None) -> tuple[str, str]:
    """(text, encoding) of `data`; raises ReadError for empty or binary data."""
    if not data:
        raise ReadError(name, "tệp rỗng")
    text, encoding = _by_bom(data)
    if text is None:
        kind = foreign_kind(data)
        if kind:
            raise ReadError(name, f"{BINARY} ({kind})")
        text, encoding = _utf16_by_pattern(data)
    if text is None:
        refuse_binary(data, name)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _guess(data, name, _codec(charset))
    _check_decoded(text, name)
    if encoding.startswith(("utf-8", "utf-16", "utf-32")):
        old = legacy.detect(text)
        if old:
            text, encoding = legacy.convert(text, old), f"{encoding}+{old}"
    return text, encoding


def refuse_binary(data: bytes, name: str) -> None:
    """Raise ReadError when `data` (without a Unicode BOM) is not text."""
    kind = foreign_kind(data)
    if kind:
        raise ReadError(name, f"{BINARY} ({kind})")
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        raise ReadError(name, f"{BINARY} (có byte NUL)")
    if _too_many_controls(len(_CONTROL_BYTES.findall(sample)), len(sample)):
        raise ReadError(name, f"{BINARY} (nhiều ký tự điều khiển)")


def _check_decoded(text: str, name: str) -> None:
    sample = text[:SNIFF_BYTES]
    if "\x00" in sample or _too_many_controls(len(_CONTROL_CHARS.findall(sample)), len(sample)):
        raise ReadError(name, f"{BINARY} (nhiều ký tự điều khiển)")
    if not text.strip():
        raise ReadError(name, "tệp không có chữ nào (chỉ có khoảng trắng)")


def _too_many_controls(count: int, size: int) -> bool:
    return count > max(MIN_CONTROL_COUNT, MAX_CONTROL_SHARE * size)


def _by_bom(data: bytes) -> tuple[str | None, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(codec), codec
            except UnicodeDecodeError:
                return body.decode(codec, errors="replace"), f"{codec}+replace"
    return None, ""


def _utf16_by_pattern(data: bytes) -> tuple[str | None, str]:
    codec = _utf16_without_bom(data)
    if codec:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    return None, ""


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NUL bytes sit in every other position (ASCII in UTF-16)."""
    sample = data[:4096]
    sample = sample[:len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    half = len(sample) / 2
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd > 0.3 and even < 0.02:
        return "utf-16-le"
    if even > 0.3 and odd < 0.02:
        return "utf-16-be"
    return None


def _codec(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        return None


def _candidates(hint: str | None) -> list[tuple[str, Callable[[bytes], str]]]:
    out: list[tuple[str, Callable[[bytes], str]]] = []
    if hint and hint not in ("utf-8", "cp1258"):
        out.append((hint, lambda b: b.decode(hint, errors="replace")))
    out += [
        ("utf-8+replace", lambda b: b.decode("utf-8", errors="replace")),
        ("cp1258", lambda b: b.decode("cp1258", errors="replace")),
        ("tcvn3", lambda b: legacy.decode(b, "tcvn3")),
        ("vni", lambda b: legacy.decode(b, "vni")),
    ]
    return out


def _sample(data: bytes) -> bytes:
    if len(data) <= SNIFF_BYTES:
        return data
    cut = data.rfind(b"\n", 0, SNIFF_BYTES)
    return data[:cut if cut > 0 else SNIFF_BYTES]


def _guess(data: bytes, name: str, hint: str | None) -> tuple[str, str]:
    sample = _sample(data)
    best: tuple[float, str, Callable[[bytes], str]] | None = None
    for label, fn in _candidates(hint):
        share, words = vietnamese_share(fn(sample))
        if label == "cp1258" and not words:
            return fn(data), label  # the only non-ASCII bytes are punctuation (“ ” – …)
        if words and (best is None or share > best[0]):
            best = (share, label, fn)
    if best and best[0] >= MIN_SHARE:
        return best[2](data), best[1]
    if hint:
        try:
            return data.decode(hint), hint
        except UnicodeDecodeError:
            pass
    raise ReadError(name, "không nhận ra bảng mã ký tự: không phải UTF-8, UTF-16, Windows-1258, "
                          "TCVN3 hay VNI tiếng Việt; hãy lưu lại tệp dạng UTF-8")

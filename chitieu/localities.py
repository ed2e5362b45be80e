"""Administrative units: "huyện Lắk" → Locality(code '656', province 'Đắk Lắk', ...).

Backed by the `vietnamadminunits` package's SQLite data (read through its public
`vietnamadminunits.database.query`):
- `admin_units_legacy`: the 63-province, three-level scheme in force until
  30 June 2025 (province, district, commune), with codes and coordinates;
- `admin_units`: the 34-province, two-level scheme from 1 July 2025 (province,
  commune), with codes and coordinates;
- the package's converter table (old province/commune → new) gives the new-scheme
  equivalent of an old unit.

`resolve(locality_text, text=..., source=..., province_hint=...)` finds the unit a
report names. A name found in several provinces ("huyện Châu Thành") is settled
by the explicit hint, then by the province of the source's host name
(daklak.gov.vn), then by the province the text names most; still ambiguous or not
found → None (the caller keeps the text as written).

The index of every unit takes ~0.25 s to build from that data; it is saved to a cache
file (`$CHITIEU_CACHE_DIR`, else `$XDG_CACHE_HOME/chitieu` or `~/.cache/chitieu`; "off"
for none) that the next process loads in ~0.03 s, and is rebuilt when the data or this
module change (see `_cached_index`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import marshal
import os
import re
import sqlite3
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import closing, suppress
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from chitieu.extract import lexicon

PRE2025 = "pre2025"
POST2025 = "post2025"
REFORM_DATE = date(2025, 7, 1)  # the two-level scheme takes effect
RANKS = ("province", "district", "commune")
DATASET, CONVERTER = "dataset.db", "converter_2025.json"  # the package's data files we read

_MAX_NAME_WORDS = 5


@dataclass(frozen=True, slots=True)
class Locality:
    """One administrative unit. `level` is the lowercase official type word."""

    name: str  # official short name: "Lắk", "Gia Lai", "Nam Ka"
    level: str  # "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu"
    rank: str  # "province" | "district" | "commune"
    code: str  # official code of the unit in its scheme
    province: str
    province_code: str
    scheme: str  # PRE2025 | POST2025
    district: str | None = None
    district_code: str | None = None
    new_code: str | None = None  # the post-2025 unit it became (provinces, communes)
    new_name: str | None = None
    new_province_code: str | None = None
    new_province: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def full_name(self) -> str:
        """The name with its level word, as reports write it: "huyện Lắk"."""
        return f"{self.level} {self.name}"


# ---------------------------------------------------------------- public API
def resolve(
    locality_text: str,
    *,
    text: str = "",
    source: str = "",
    province_hint: str | None = None,
    when: str | date | None = None,
) -> Locality | None:
    """The unit `locality_text` names ("huyện Lắk", "TP. Pleiku", "tỉnh Gia Lai"), or None.

    `text`: the whole document (provinces it names settle ambiguous names);
    `source`: its file name or URL (a portal host names its province);
    `province_hint`: a province name or code known to the caller;
    `when`: ISO date of the report: on or after 1 July 2025 the new scheme is
    tried first, else the old one (the default).
    """
    if not locality_text or not locality_text.strip():
        return None
    host_province = province_from_source(source) if source else None
    hit = _lookup(_nfc(locality_text), host_province, province_hint, _is_post_reform(when))
    if hit is None:
        return None
    found, hints = hit
    return _choose(found, hints, text)


def province_from_source(source: str) -> str | None:
    """The province short name a source's host stands for (daklak.gov.vn → "Đắk Lắk")."""
    host = urlparse(source if "//" in source else f"//{source}").hostname or ""
    if not host:
        return None
    data = lexicon.load("portal_hosts")
    hosts: dict[str, str] = data.get("hosts") or {}
    prefixes: list[str] = data.get("prefixes") or []
    for label in host.lower().split("."):
        if label in hosts:
            return _nfc(hosts[label])
        for stem in _label_stems(label, prefixes):
            hit = _index().province_by_key.get(stem)
            if hit:
                return hit
    return None


def list_units(rank: str, *, scheme: str = PRE2025, province_code: str | None = None) -> list[Locality]:
    """Every unit of `rank` in `scheme` (optionally of one province), with coordinates.

    For a map: `list_units("district")` gives the 696 pre-2025 districts,
    `list_units("province", scheme="post2025")` the 34 new provinces.
    """
    if rank not in RANKS:
        raise ValueError(f"rank must be one of {RANKS}")
    units = _index().all(scheme, rank)
    if province_code is not None:
        units = [u for u in units if u.province_code == province_code]
    return units


def get(code: str, *, rank: str, scheme: str = PRE2025) -> Locality | None:
    """The unit with official `code` of `rank` in `scheme`."""
    return _index().code(scheme, rank, code)


# ---------------------------------------------------------------- resolution
@lru_cache(maxsize=4096)
def _lookup(
    locality_text: str, host_province: str | None, province_hint: str | None, prefer_new: bool
) -> tuple[tuple[Locality, ...], frozenset[str]] | None:
    """The same-named candidates for `locality_text` and the province keys that may settle
    them; what does not depend on the document's text, so cached across documents."""
    mentions = _parse_mentions(locality_text)
    if not mentions:
        return None
    (_level, ranks, types, names), *context = mentions
    hints = frozenset(_hint_keys(province_hint, context, host_province))
    schemes = (POST2025, PRE2025) if prefer_new else (PRE2025, POST2025)
    for name in names:
        for scheme in schemes:
            for rank in ranks:
                found = _candidates(name, rank, scheme, types)
                if found:
                    return tuple(found), hints
    return None


def _parse_mentions(phrase: str) -> list[tuple[str | None, tuple[str, ...], tuple[str, ...], list[str]]]:
    """Split "huyện Lắk, tỉnh Đắk Lắk" into (level, ranks, types, name candidates) items."""
    words = lexicon.load("locality_words")["levels"]
    out = []
    matches = list(_level_re().finditer(phrase))
    if not matches:
        names = _name_prefixes(phrase)
        return [(None, RANKS, (), names)] if names else []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(phrase)
        names = _name_prefixes(phrase[m.end():end])
        if not names:
            continue
        spec = words[_level_key(m.group(1))]
        out.append((_level_key(m.group(1)), tuple(spec["ranks"]), tuple(spec["types"]), names))
    return out


_NAME_END = re.compile(r"[,;:()\n]|\.\s")


def _name_prefixes(chunk: str) -> list[str]:
    """Candidate names at the start of `chunk`, longest first ("Krông Ana đoạn" → ...)."""
    head = _NAME_END.split(chunk, maxsplit=1)[0]
    words = head.replace(".", " ").split()[:_MAX_NAME_WORDS]
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def _candidates(name: str, rank: str, scheme: str, types: tuple[str, ...]) -> list[Locality]:
    idx = _index()
    alias = _province_alias(name) if rank == "province" else name
    if alias != name:
        name, types = alias, ()  # an old or informal name says nothing of today's type word
    pool = idx.by(idx.by_name, scheme, rank, name.lower()) or idx.by(idx.by_key, scheme, rank, _key(name))
    if types:
        pool = [u for u in pool if u.level in types]
    return pool


def _choose(found: tuple[Locality, ...], hints: frozenset[str], text: str) -> Locality | None:
    """One unit out of same-named candidates, or None when the evidence does not settle it."""
    if len(found) == 1:
        return found[0]
    by_hint = [u for u in found if _key(u.province) in hints or u.province_code in hints]
    if len(by_hint) == 1:
        return by_hint[0]
    pool = by_hint or found
    text = _nfc(text) if text else text
    count = _mention_counter(text)
    scores = Counter({u: count(u.province) + count(u.district) for u in pool})
    ranked = scores.most_common(2)
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _hint_keys(province_hint: str | None, context: list[Any], host_province: str | None) -> set[str]:
    """Keys of the provinces the caller, the phrase itself or the source's host point to."""
    keys: set[str] = set()
    if province_hint:
        hint = province_hint.strip()
        if hint.isdigit():
            keys.add(hint.zfill(2))
        for _, ranks, _, names in _parse_mentions(hint):
            if "province" in ranks:
                keys.update(_key(_province_alias(n)) for n in names)
    for level, ranks, _, names in context:
        if "province" in ranks or level is None:
            keys.update(_key(_province_alias(n)) for n in names)
    if host_province and not keys:
        keys.add(_key(host_province))
    return keys


def _mentions(text: str, name: str | None) -> int:
    if not text or not name:
        return 0
    return len(_name_re(name).findall(text))


@lru_cache(maxsize=4096)
def _name_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


def _mention_counter(text: str) -> Callable[[str | None], int]:
    """`_mentions` for one text, faster: a name whose lowercase is not in the lowercase
    text is not in the text (case ignored) either, so its count is 0 without a scan.

    That holds as re.IGNORECASE compares characters (same simple lowercase, or the few
    extra pairs such as "s"/"ſ" of `re._casefix`) except where a text or a name holds a
    character of `_fold_unsafe()`: then the name is scanned as before. A text is
    scanned by each name's regex in ~25 µs; most names of a document's candidates are
    not in it."""
    folded = text.lower()
    unsafe = _fold_unsafe()
    if unsafe is None or unsafe.search(folded):
        return lambda name: _mentions(text, name)

    def count(name: str | None) -> int:
        if not text or not name:
            return 0
        low = name.lower()
        if low not in folded and not unsafe.search(low):
            return 0
        return _mentions(text, name)

    return count


@cache
def _fold_unsafe() -> re.Pattern[str] | None:
    """Characters after which `str.lower` no longer tells what re.IGNORECASE matches:
    of each group of lowercase letters that re treats as one (re._casefix: "s" and "ſ",
    "σ" and "ς" ...) all but the first, and the combining dot that "İ" lowercases to
    (str.lower gives "i̇", re compares "i"; no other character lowercases differently in
    the two, tests/test_localities.py checks). None when re._casefix is missing."""
    try:
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
    except ImportError:
        return None
    groups: list[set[int]] = []
    for lo, others in _EXTRA_CASES.items():
        group = {lo, *others}
        for g in [g for g in groups if g & group]:
            group |= g
            groups.remove(g)
        groups.append(group)
    unsafe = {chr(c) for g in groups for c in sorted(g)[1:]} | {"\u0307"}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(unsafe)) + "]")


# ---------------------------------------------------------------- the index
Ids = int | list[int]  # one unit's number, or several in reading order


@dataclass(slots=True)
class _Index:
    """Every unit of both schemes, and the maps that find them.

    Units are numbered in reading order; `columns` holds their Locality fields, one list
    per field, and a unit is made into a Locality on first use (`made`): a run resolves
    a few thousand of the 14,000 units. The maps are keyed by "scheme/rank" then by a
    string, and hold unit numbers. So the index is strings, numbers and a few thousand
    lists: its cache file loads in ~15 ms (see `_cached_index`) and leaves the garbage
    collector next to nothing to track (tuples keyed by tuples, one per unit and per
    key, made every later full collection of the ingest slower)."""

    columns: list[list[Any]]  # per Locality field (_FIELDS order), per unit
    units: dict[str, list[int]]  # "scheme/rank" → every unit
    by_code: dict[str, dict[str, int]]  # "scheme/rank" → official code → unit
    by_name: dict[str, dict[str, Ids]]  # "scheme/rank" → lowercase name → units
    by_key: dict[str, dict[str, Ids]]  # "scheme/rank" → accent-free key or keyword → units
    province_by_key: dict[str, str]  # a province's key or keyword → its short name
    made: list[Locality | None] = field(default_factory=list)

    def unit(self, i: int) -> Locality:
        if not self.made:
            self.made = [None] * len(self.columns[0])
        u = self.made[i]
        if u is None:
            u = self.made[i] = Locality(*[col[i] for col in self.columns])
        return u

    def all(self, scheme: str, rank: str) -> list[Locality]:
        return [self.unit(i) for i in self.units[_group(scheme, rank)]]

    def by(self, table: dict[str, dict[str, Ids]], scheme: str, rank: str, key: str) -> list[Locality]:
        """The units `table` ("by_name" or "by_key") gives for `key`, in reading order."""
        ids = table.get(_group(scheme, rank), {}).get(key)
        if ids is None:
            return []
        return [self.unit(ids)] if isinstance(ids, int) else [self.unit(i) for i in ids]

    def code(self, scheme: str, rank: str, code: str) -> Locality | None:
        i = self.by_code.get(_group(scheme, rank), {}).get(code)
        return None if i is None else self.unit(i)

    def state(self) -> tuple[Any, ...]:
        """What the cache file holds (marshal-able: lists, dicts, str, int, float, None)."""
        return (self.columns, self.units, self.by_code, self.by_name, self.by_key, self.province_by_key)


def _group(scheme: str, rank: str) -> str:
    return f"{scheme}/{rank}"


@cache
def _index() -> _Index:
    return _cached_index(_build_from_data)


def _build_from_data() -> _Index:
    """The index built from the package's data (a quarter of a second)."""
    legacy_sql = (
        "SELECT province, provinceShort, provinceCode, provinceLat, provinceLon, provinceKey,"
        " provinceKeywords, district, districtShort, districtType, districtCode, districtLat,"
        " districtLon, districtKey, districtKeywords, ward, wardShort, wardType, wardCode, wardLat,"
        " wardLon, wardKey, wardKeywords"
        " FROM admin_units_legacy"
    )
    new_sql = (
        "SELECT province, provinceShort, provinceCode, provinceLat, provinceLon, provinceKey,"
        " provinceKeywords, ward, wardShort, wardType, wardCode, wardLat, wardLon, wardKey, wardKeywords"
        " FROM admin_units"
    )
    with closing(sqlite3.connect(f"{_data_dir().as_uri()}/{DATASET}?mode=ro", uri=True)) as db:
        db.row_factory = sqlite3.Row
        legacy = db.execute(legacy_sql).fetchall()
        new = db.execute(new_sql).fetchall()
    new_units = _new_units(new)
    old_to_new_province, old_to_new_ward = _converter_maps()
    units: dict[tuple[str, str], list[Locality]] = defaultdict(list)
    keywords: list[tuple[Locality, str | None]] = []  # each unit with its raw keyword list
    for (rank, _), (unit, kws) in new_units.items():
        units[(POST2025, rank)].append(unit)
        keywords.append((unit, kws))
    seen: set[tuple[str, str]] = set()
    for row in legacy:
        for rank, unit, kws in _legacy_units(row, seen, new_units, old_to_new_province, old_to_new_ward):
            units[(PRE2025, rank)].append(unit)
            keywords.append((unit, kws))
    return _build_index(units, keywords)


def _data_dir() -> Path:
    """The `vietnamadminunits` package's data folder, found without importing the package
    (its __init__ loads the address parser's tables: a third of a second we never use)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("vietnamadminunits", name="vietnamadminunits")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _build_index(units: dict[tuple[str, str], list[Locality]],
                 keywords: list[tuple[Locality, str | None]]) -> _Index:
    """The index of `units` (by scheme and rank, in reading order); `keywords` holds every
    unit once with the package's raw keyword list (a JSON array, or None)."""
    by_code: dict[str, dict[str, int]] = defaultdict(dict)
    by_name: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    by_key: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    province_by_key: dict[str, str] = {}
    columns: list[list[Any]] = [[] for _ in _FIELDS]
    made: list[Locality | None] = []
    number: dict[int, int] = {}  # id(unit) → its number
    # One JSON parse for all the keyword lists (each a JSON array, or empty).
    parsed = json.loads("[" + ",".join(raw or "[]" for _, raw in keywords) + "]")
    for (u, _), words in zip(keywords, parsed, strict=True):
        i = number[id(u)] = len(made)
        for col, f in zip(columns, _FIELDS, strict=True):
            col.append(getattr(u, f))
        made.append(u)
        group = _group(u.scheme, u.rank)
        by_code[group][u.code] = i
        by_name[group][u.name.lower()].append(i)
        keys = {_key(u.name), *words}
        for k in keys:
            by_key[group][k].append(i)
        if u.rank == "province":
            for k in keys:
                province_by_key.setdefault(k, u.name)

    def compact(table: dict[str, dict[str, list[int]]]) -> dict[str, dict[str, Ids]]:
        return {g: {k: v[0] if len(v) == 1 else v for k, v in t.items()} for g, t in table.items()}

    return _Index(
        columns,
        {_group(*sr): [number[id(u)] for u in us] for sr, us in units.items()},
        dict(by_code),
        compact(by_name),
        compact(by_key),
        province_by_key,
        made,
    )


_FIELDS = tuple(f.name for f in fields(Locality))


# ---------------------------------------------------------------- the cache file
CACHE_ENV = "CHITIEU_CACHE_DIR"  # where cache files go; "off" for none
_CACHE_FORMAT = 2  # bump when what the cache holds changes shape


def _cached_index(build: Callable[[], _Index]) -> _Index:
    """The index from its cache file when one matches the data and this code, else built
    by `build` and saved for the next process (loading it takes ~20 ms, building ~250 ms).

    The file is named by a hash of what the index depends on: the package's data files
    (path, size, modification time), this module's source, the cache format and the
    Python version (marshal's format). It is written whole then renamed into place, so
    concurrent processes never read half a file; any failure to read or write it only
    means building the index."""
    path = _cache_path()
    if path is not None:
        try:
            state = marshal.loads(path.read_bytes())
            return _Index(*state)
        except (OSError, EOFError, ValueError, TypeError):
            pass
    idx = build()
    if path is not None:
        _write_atomically(path, marshal.dumps(idx.state()))
        _forget_old(path)
    return idx


_CACHE_DAYS = 7  # other versions' cache files older than this are removed


def _forget_old(path: Path) -> None:
    """Remove the cache files of other versions (data or code) written more than
    _CACHE_DAYS ago, so that upgrades do not pile them up; another checkout still using
    one rebuilds it once."""
    cutoff = time.time() - _CACHE_DAYS * 86_400
    for old in path.parent.glob("localities-*.marshal"):
        with suppress(OSError):
            if old != path and old.stat().st_mtime < cutoff:
                old.unlink()


def _cache_path() -> Path | None:
    setting = os.environ.get(CACHE_ENV)
    if setting == "off":
        return None
    if setting:
        folder = Path(setting)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        folder = (Path(xdg) if xdg else Path.home() / ".cache") / "chitieu"
    try:
        data = _data_dir()
        h = hashlib.sha256(f"{_CACHE_FORMAT} {sys.version} {data}".encode())
        for name in (DATASET, CONVERTER):
            st = (data / name).stat()
            h.update(f" {name} {st.st_size} {st.st_mtime_ns}".encode())
        h.update(Path(__file__).read_bytes())
    except OSError:
        return None
    return folder / f"localities-{h.hexdigest()[:20]}.marshal"


def _write_atomically(path: Path, data: bytes) -> None:
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp)


def _new_units(rows: Iterable[Any]) -> dict[tuple[str, str], tuple[Locality, str | None]]:
    """Post-2025 provinces and communes keyed by (rank, package key), each with its raw keywords."""
    out: dict[tuple[str, str], tuple[Locality, str | None]] = {}
    for r in rows:
        pkey = r["provinceKey"]
        if ("province", pkey) not in out:
            p = Locality(
                name=r["provinceShort"], level=_type_of(r["province"], r["provinceShort"]), rank="province",
                code=r["provinceCode"], province=r["provinceShort"], province_code=r["provinceCode"],
                scheme=POST2025, new_code=r["provinceCode"], new_name=r["provinceShort"],
                new_province_code=r["provinceCode"], new_province=r["provinceShort"],
                latitude=r["provinceLat"], longitude=r["provinceLon"],
            )
            out[("province", pkey)] = (p, r["provinceKeywords"])
        if r["wardCode"]:
            w = Locality(
                name=_bare(r["ward"], r["wardType"]), level=r["wardType"].lower(), rank="commune",
                code=r["wardCode"],
                province=r["provinceShort"], province_code=r["provinceCode"], scheme=POST2025,
                new_code=r["wardCode"], new_name=r["wardShort"], new_province_code=r["provinceCode"],
                new_province=r["provinceShort"], latitude=r["wardLat"], longitude=r["wardLon"],
            )
            out[("commune", f"{pkey}_{r['wardKey']}")] = (w, r["wardKeywords"])
    return out


def _legacy_units(
    r: Any,
    seen: set[tuple[str, str]],
    new_units: dict[tuple[str, str], tuple[Locality, str | None]],
    old_to_new_province: dict[str, str],
    old_to_new_ward: dict[str, str],
) -> list[tuple[str, Locality, str | None]]:
    """The province, district and commune a pre-2025 row describes that are not in `seen`
    yet (by rank and code: the first row of a unit describes it), with their raw keywords."""
    province_code, district_code, ward_code = r["provinceCode"], r["districtCode"], r["wardCode"]
    province_new = ("province", province_code) not in seen
    district_new = ("district", district_code) not in seen
    commune_new = bool(ward_code) and ("commune", ward_code) not in seen
    out: list[tuple[str, Locality, str | None]] = []
    if not (province_new or district_new or commune_new):
        return out
    new_pkey = old_to_new_province.get(r["provinceKey"])
    hit_p = new_units.get(("province", new_pkey)) if new_pkey else None
    new_p = hit_p[0] if hit_p else None
    province = r["provinceShort"]
    new_province_code = new_p.code if new_p else None
    new_province = new_p.name if new_p else None
    if province_new:
        seen.add(("province", province_code))
        out.append(("province", Locality(
            name=province, level=_type_of(r["province"], province), rank="province", code=province_code,
            province=province, province_code=province_code, scheme=PRE2025,
            new_code=new_province_code, new_name=new_province, new_province_code=new_province_code,
            new_province=new_province, latitude=r["provinceLat"], longitude=r["provinceLon"],
        ), r["provinceKeywords"]))
    if district_new:
        seen.add(("district", district_code))
        out.append(("district", Locality(
            name=_bare(r["district"], r["districtType"]), level=r["districtType"].lower(), rank="district",
            code=district_code, province=province, province_code=province_code, scheme=PRE2025,
            new_province_code=new_province_code, new_province=new_province,
            latitude=r["districtLat"], longitude=r["districtLon"],
        ), r["districtKeywords"]))
    if commune_new:
        seen.add(("commune", ward_code))
        new_wkey = old_to_new_ward.get(f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}")
        hit = new_units.get(("commune", new_wkey)) if new_wkey else None
        out.append(("commune", Locality(
            name=_bare(r["ward"], r["wardType"]), level=(r["wardType"] or "xã").lower(), rank="commune",
            code=ward_code, province=province, province_code=province_code, scheme=PRE2025,
            district=_bare(r["district"], r["districtType"]), district_code=district_code,
            new_code=hit[0].code if hit else None, new_name=hit[0].name if hit else None,
            new_province_code=new_province_code, new_province=new_province,
            latitude=r["wardLat"], longitude=r["wardLon"],
        ), r["wardKeywords"]))
    return out


def _converter_maps() -> tuple[dict[str, str], dict[str, str]]:
    """old province key → new province key; "oldprov_olddist_oldward" → "newprov_newward"."""
    data = json.loads((_data_dir() / CONVERTER).read_text(encoding="utf-8"))
    provinces = {old: new for new, olds in data["DICT_PROVINCE"].items() for old in olds}
    wards: dict[str, str] = {}
    for new_p, table in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_w, olds in table.items():
            for old in olds:
                wards[old] = f"{new_p}_{new_w}"
    for new_p, table in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, options in table.items():
            default = next((o["newWardKey"] for o in options if o.get("isDefaultNewWard")), None)
            if default and old not in wards:
                wards[old] = f"{new_p}_{default}"
    return provinces, wards


# ---------------------------------------------------------------- small helpers
@cache
def _level_re() -> re.Pattern[str]:
    words = sorted(lexicon.load("locality_words")["levels"], key=len, reverse=True)
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<!\w)({alts})(?:\.|\b)\s*(?=\w)", re.IGNORECASE)


def _level_key(word: str) -> str:
    return " ".join(word.lower().split())


def _bare(full: str, unit_type: str | None) -> str:
    """"Huyện Kỳ Anh", "Huyện" → "Kỳ Anh" (the data's short names may carry "(Huyện)")."""
    if unit_type and full.lower().startswith(unit_type.lower() + " "):
        return full[len(unit_type) + 1:].strip()
    return full


def _type_of(full: str, short: str) -> str:
    """"Tỉnh Gia Lai", "Gia Lai" → "tỉnh"."""
    return full[: len(full) - len(short)].strip().lower() or "tỉnh"


def _province_alias(name: str) -> str:
    aliases = _province_aliases()
    return aliases.get(name.lower(), name)


@cache
def _province_aliases() -> dict[str, str]:
    raw = lexicon.load("locality_words").get("province_aliases") or {}
    return {_nfc(k).lower(): _nfc(v) for k, v in raw.items()}


def _label_stems(label: str, prefixes: list[str]) -> list[str]:
    stems = [label.replace("-", "")]
    for p in prefixes:
        if label.startswith(p) and len(label) > len(p) + 2:
            stems.append(label[len(p):].replace("-", ""))
    return stems


_NOT_KEY = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def _key(text: str | None) -> str:
    """Accent-free compact key, as the package builds them: "Đắk Lắk" → "daklak".

    Only ASCII letters and digits of the decomposed lowercase text are kept, so dropping
    every non-ASCII character (the combining marks among them) before that is the same."""
    if not text:
        return ""
    t = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return _NOT_KEY.sub("", t.encode("ascii", "ignore").decode("ascii"))


def _is_post_reform(when: str | date | None) -> bool:
    if when is None:
        return False
    if isinstance(when, str):
        try:
            when = date.fromisoformat(when[:10])
        except ValueError:
            return False
    return when >= REFORM_DATE


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()

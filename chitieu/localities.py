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
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlparse

from chitieu.extract import lexicon

PRE2025 = "pre2025"
POST2025 = "post2025"
REFORM_DATE = date(2025, 7, 1)  # the two-level scheme takes effect
RANKS = ("province", "district", "commune")

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
    prefer_new = _is_post_reform(when)
    return _resolve_cached(_nfc(locality_text), _nfc(text), source or "", province_hint, prefer_new)


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
    units = _index().units[(scheme, rank)]
    if province_code is not None:
        units = [u for u in units if u.province_code == province_code]
    return list(units)


def get(code: str, *, rank: str, scheme: str = PRE2025) -> Locality | None:
    """The unit with official `code` of `rank` in `scheme`."""
    return _index().by_code.get((scheme, rank, code))


# ---------------------------------------------------------------- resolution
@lru_cache(maxsize=4096)
def _resolve_cached(
    locality_text: str, text: str, source: str, province_hint: str | None, prefer_new: bool
) -> Locality | None:
    mentions = _parse_mentions(locality_text)
    if not mentions:
        return None
    (_level, ranks, types, names), *context = mentions
    hints = _hint_keys(province_hint, context, source)
    schemes = (POST2025, PRE2025) if prefer_new else (PRE2025, POST2025)
    for name in names:
        for scheme in schemes:
            for rank in ranks:
                found = _candidates(name, rank, scheme, types)
                if found:
                    return _choose(found, hints, text)
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


def _name_prefixes(chunk: str) -> list[str]:
    """Candidate names at the start of `chunk`, longest first ("Krông Ana đoạn" → ...)."""
    head = re.split(r"[,;:()\n]|\.\s", chunk, maxsplit=1)[0]
    words = head.replace(".", " ").split()[:_MAX_NAME_WORDS]
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def _candidates(name: str, rank: str, scheme: str, types: tuple[str, ...]) -> list[Locality]:
    idx = _index()
    alias = _province_alias(name) if rank == "province" else name
    if alias != name:
        name, types = alias, ()  # an old or informal name says nothing of today's type word
    pool = idx.by_name.get((scheme, rank, name.lower())) or idx.by_key.get((scheme, rank, _key(name))) or []
    if types:
        pool = [u for u in pool if u.level in types]
    return pool


def _choose(found: list[Locality], hints: set[str], text: str) -> Locality | None:
    """One unit out of same-named candidates, or None when the evidence does not settle it."""
    if len(found) == 1:
        return found[0]
    by_hint = [u for u in found if _key(u.province) in hints or u.province_code in hints]
    if len(by_hint) == 1:
        return by_hint[0]
    pool = by_hint or found
    scores = Counter({u: _mentions(text, u.province) + _mentions(text, u.district) for u in pool})
    ranked = scores.most_common(2)
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _hint_keys(province_hint: str | None, context: list[Any], source: str) -> set[str]:
    """Keys of the provinces the caller, the phrase itself or the source point to."""
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
    host_province = province_from_source(source) if source else None
    if host_province and not keys:
        keys.add(_key(host_province))
    return keys


def _mentions(text: str, name: str | None) -> int:
    if not text or not name:
        return 0
    return len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=re.IGNORECASE))


# ---------------------------------------------------------------- the index
@dataclass(slots=True)
class _Index:
    units: dict[tuple[str, str], list[Locality]]
    by_code: dict[tuple[str, str, str], Locality]
    by_name: dict[tuple[str, str, str], list[Locality]]
    by_key: dict[tuple[str, str, str], list[Locality]]
    province_by_key: dict[str, str]


@cache
def _index() -> _Index:
    from vietnamadminunits.database import query

    legacy = query(
        "SELECT province, provinceShort, provinceCode, provinceLat, provinceLon, provinceKey,"
        " provinceKeywords, district, districtShort, districtType, districtCode, districtLat,"
        " districtLon, districtKey, districtKeywords, ward, wardShort, wardType, wardCode, wardLat,"
        " wardLon, wardKey, wardKeywords"
        " FROM admin_units_legacy"
    )
    new = query(
        "SELECT province, provinceShort, provinceCode, provinceLat, provinceLon, provinceKey,"
        " provinceKeywords, ward, wardShort, wardType, wardCode, wardLat, wardLon, wardKey, wardKeywords"
        " FROM admin_units"
    )
    new_units = _new_units(new)
    old_to_new_province, old_to_new_ward = _converter_maps()
    units: dict[tuple[str, str], list[Locality]] = defaultdict(list)
    keywords: dict[Locality, list[str]] = {}
    for (rank, _), (unit, kws) in new_units.items():
        units[(POST2025, rank)].append(unit)
        keywords[unit] = kws
    seen: set[tuple[str, str]] = set()
    for row in legacy:
        for rank, unit, kws in _legacy_units(row, new_units, old_to_new_province, old_to_new_ward):
            if (rank, unit.code) not in seen:
                seen.add((rank, unit.code))
                units[(PRE2025, rank)].append(unit)
                keywords[unit] = kws
    return _build_index(units, keywords)


def _build_index(units: dict[tuple[str, str], list[Locality]], keywords: dict[Locality, list[str]]) -> _Index:
    by_code: dict[tuple[str, str, str], Locality] = {}
    by_name: dict[tuple[str, str, str], list[Locality]] = defaultdict(list)
    by_key: dict[tuple[str, str, str], list[Locality]] = defaultdict(list)
    province_by_key: dict[str, str] = {}
    for (scheme, rank), items in units.items():
        for u in items:
            by_code[(scheme, rank, u.code)] = u
            by_name[(scheme, rank, u.name.lower())].append(u)
            for k in {_key(u.name), *keywords[u]}:
                by_key[(scheme, rank, k)].append(u)
            if rank == "province":
                for k in {_key(u.name), *keywords[u]}:
                    province_by_key.setdefault(k, u.name)
    return _Index(dict(units), by_code, dict(by_name), dict(by_key), province_by_key)


def _new_units(rows: Iterable[dict[str, Any]]) -> dict[tuple[str, str], tuple[Locality, list[str]]]:
    """Post-2025 provinces and communes keyed by (rank, package key)."""
    out: dict[tuple[str, str], tuple[Locality, list[str]]] = {}
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
            out[("province", pkey)] = (p, _keywords(r["provinceKeywords"]))
        if r["wardCode"]:
            w = Locality(
                name=_bare(r["ward"], r["wardType"]), level=r["wardType"].lower(), rank="commune",
                code=r["wardCode"],
                province=r["provinceShort"], province_code=r["provinceCode"], scheme=POST2025,
                new_code=r["wardCode"], new_name=r["wardShort"], new_province_code=r["provinceCode"],
                new_province=r["provinceShort"], latitude=r["wardLat"], longitude=r["wardLon"],
            )
            out[("commune", f"{pkey}_{r['wardKey']}")] = (w, _keywords(r["wardKeywords"]))
    return out


def _legacy_units(
    r: dict[str, Any],
    new_units: dict[tuple[str, str], tuple[Locality, list[str]]],
    old_to_new_province: dict[str, str],
    old_to_new_ward: dict[str, str],
) -> Iterable[tuple[str, Locality, list[str]]]:
    """The province, district and commune a pre-2025 row describes, each with its keywords."""
    new_pkey = old_to_new_province.get(r["provinceKey"])
    hit_p = new_units.get(("province", new_pkey)) if new_pkey else None
    new_p = hit_p[0] if hit_p else None
    common = dict(
        province=r["provinceShort"], province_code=r["provinceCode"], scheme=PRE2025,
        new_province_code=new_p.code if new_p else None, new_province=new_p.name if new_p else None,
    )
    yield "province", Locality(
        name=r["provinceShort"], level=_type_of(r["province"], r["provinceShort"]), rank="province",
        code=r["provinceCode"], new_code=common["new_province_code"], new_name=common["new_province"],
        latitude=r["provinceLat"], longitude=r["provinceLon"], **common,
    ), _keywords(r["provinceKeywords"])
    yield "district", Locality(
        name=_bare(r["district"], r["districtType"]), level=r["districtType"].lower(), rank="district",
        code=r["districtCode"],
        latitude=r["districtLat"], longitude=r["districtLon"], **common,
    ), _keywords(r["districtKeywords"])
    if not r["wardCode"]:
        return
    new_wkey = old_to_new_ward.get(f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}")
    hit = new_units.get(("commune", new_wkey)) if new_wkey else None
    yield "commune", Locality(
        name=_bare(r["ward"], r["wardType"]), level=(r["wardType"] or "xã").lower(), rank="commune",
        code=r["wardCode"],
        district=_bare(r["district"], r["districtType"]), district_code=r["districtCode"],
        new_code=hit[0].code if hit else None, new_name=hit[0].name if hit else None,
        latitude=r["wardLat"], longitude=r["wardLon"], **common,
    ), _keywords(r["wardKeywords"])


def _converter_maps() -> tuple[dict[str, str], dict[str, str]]:
    """old province key → new province key; "oldprov_olddist_oldward" → "newprov_newward"."""
    ref = resources.files("vietnamadminunits") / "data" / "converter_2025.json"
    data = json.loads(ref.read_text(encoding="utf-8"))
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


def _keywords(raw: str | None) -> list[str]:
    return list(json.loads(raw)) if raw else []


def _key(text: str | None) -> str:
    """Accent-free compact key, as the package builds them: "Đắk Lắk" → "daklak"."""
    if not text:
        return ""
    t = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in t if not unicodedata.combining(c)))


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

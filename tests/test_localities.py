"""Localities: known units resolve to the codes the vietnamadminunits data gives them."""

from __future__ import annotations

import os

import pytest
from vietnamadminunits.database import query

from chitieu import localities as L
from chitieu.extract import lexicon


def _district_code(province: str, district: str) -> str:
    rows = query(f"SELECT DISTINCT districtCode FROM admin_units_legacy "
                 f"WHERE provinceShort = '{province}' AND district = '{district}'")
    assert len(rows) == 1
    return rows[0]["districtCode"]


@pytest.mark.parametrize(("phrase", "province", "full"), [
    ("huyện Lắk", "Đắk Lắk", "Huyện Lắk"),
    ("thành phố Pleiku", "Gia Lai", "Thành phố Pleiku"),
    ("TP. Pleiku", "Gia Lai", "Thành phố Pleiku"),
    ("Tp.Buôn Ma Thuột", "Đắk Lắk", "Thành phố Buôn Ma Thuột"),
    ("thị xã Bình Long", "Bình Phước", "Thị xã Bình Long"),
    ("Huyện ủy Chư Prông", "Gia Lai", "Huyện Chư Prông"),
    ("huyện Krông Ana", "Đắk Lắk", "Huyện Krông A Na"),
    ("thị xã Kỳ Anh", "Hà Tĩnh", "Thị xã Kỳ Anh"),
    ("huyện Kỳ Anh", "Hà Tĩnh", "Huyện Kỳ Anh"),
])
def test_known_districts_resolve_to_package_codes(phrase: str, province: str, full: str) -> None:
    loc = L.resolve(phrase)
    assert loc is not None
    assert loc.rank == "district" and loc.scheme == L.PRE2025
    assert loc.code == _district_code(province, full)
    assert loc.province == province
    assert loc.latitude is not None and loc.longitude is not None


def test_province_and_new_scheme_equivalent() -> None:
    gia_lai = L.resolve("tỉnh Gia Lai")
    assert (gia_lai.code, gia_lai.rank, gia_lai.level) == ("64", "province", "tỉnh")
    assert gia_lai.new_code == "52"  # merged with Bình Định into the new Gia Lai (code 52)
    binh_dinh = L.resolve("tỉnh Bình Định")
    assert binh_dinh.new_name == "Gia Lai" and binh_dinh.new_code == "52"
    hcm = L.resolve("TP.HCM")
    assert hcm.code == "79" and hcm.level == "thành phố"
    assert L.resolve("Đắk Lắk").code == "66"
    assert L.resolve("tỉnh Thừa Thiên Huế").code == "46"


def test_commune_old_and_new() -> None:
    nam_ka = L.resolve("xã Nam Ka")
    rows = query("SELECT wardCode, districtCode FROM admin_units_legacy WHERE ward = 'Xã Nam Ka'")
    assert nam_ka.code == rows[0]["wardCode"] and nam_ka.district_code == rows[0]["districtCode"]
    assert nam_ka.district == "Lắk" and nam_ka.province_code == "66"
    assert nam_ka.new_code is not None and nam_ka.new_province_code == "66"
    after = L.resolve("xã Nam Ka", when="2025-08-01")
    assert after.scheme == L.POST2025 and after.district is None


def test_merged_commune_points_to_its_new_unit() -> None:
    lien_son = L.resolve("thị trấn Liên Sơn")
    assert lien_son.new_name == "Liên Sơn Lắk"
    new = L.get(lien_son.new_code, rank="commune", scheme=L.POST2025)
    assert new is not None and new.name == "Liên Sơn Lắk"


def test_ambiguous_district_needs_evidence() -> None:
    assert L.resolve("huyện Châu Thành") is None
    by_hint = L.resolve("huyện Châu Thành", province_hint="Bến Tre")
    assert by_hint.province == "Bến Tre"
    assert by_hint.code == _district_code("Bến Tre", "Huyện Châu Thành")
    assert L.resolve("huyện Châu Thành", province_hint="83").province == "Bến Tre"
    by_text = L.resolve("huyện Châu Thành", text="Đoàn công tác UBND tỉnh Long An làm việc với huyện.")
    assert by_text.province == "Long An"
    by_phrase = L.resolve("huyện Châu Thành, tỉnh Tiền Giang")
    assert by_phrase.province == "Tiền Giang"
    by_source = L.resolve("huyện Châu Thành", source="https://baobentre.vn/tin-tuc/abc.html")
    assert by_source.province == "Bến Tre"


def test_unknown_names_give_none() -> None:
    assert L.resolve("huyện Không Có Thật") is None
    assert L.resolve("") is None
    assert L.resolve("   ") is None


def test_province_from_source() -> None:
    assert L.province_from_source("https://daklak.gov.vn/tin") == "Đắk Lắk"
    assert L.province_from_source("chuprong.gialai.gov.vn") == "Gia Lai"
    assert L.province_from_source("https://baobackan.com.vn/x") == "Bắc Kạn"
    assert L.province_from_source("https://www.quangnam.gov.vn") == "Quảng Nam"
    assert L.province_from_source("https://thuathienhue.gov.vn") == "Huế"
    assert L.province_from_source("https://example.com/x") is None
    assert L.province_from_source("") is None


def test_list_units_for_maps() -> None:
    assert len(L.list_units("province")) == 63
    assert len(L.list_units("province", scheme=L.POST2025)) == 34
    districts = L.list_units("district")
    assert len(districts) == len({d.code for d in districts}) > 690
    assert all(d.latitude is not None for d in districts)
    dak_lak = L.list_units("district", province_code="66")
    assert "Lắk" in {d.name for d in dak_lak}
    with pytest.raises(ValueError):
        L.list_units("hamlet")


def test_locality_data_files_have_known_keys() -> None:
    words = lexicon.load("locality_words")
    assert set(words) == {"levels", "province_aliases"}
    for spec in words["levels"].values():
        assert set(spec) == {"ranks", "types"}
        assert set(spec["ranks"]) <= set(L.RANKS)
    hosts = lexicon.load("portal_hosts")
    assert set(hosts) == {"prefixes", "hosts"}
    short_names = {p.name for p in L.list_units("province")}
    assert set(hosts["hosts"].values()) <= short_names
    assert set(words["province_aliases"].values()) <= short_names


def test_same_name_in_two_documents_is_settled_by_each_document() -> None:
    """What does not depend on the document is cached across documents; the text and the
    source's host are still read for each one."""
    long_an = L.resolve("huyện Châu Thành", text="Đoàn công tác của tỉnh Long An về làm việc.")
    ben_tre = L.resolve("huyện Châu Thành", text="Tỉnh Bến Tre kiểm tra tiến độ; Bến Tre đạt kế hoạch.")
    assert (long_an.province, ben_tre.province) == ("Long An", "Bến Tre")
    assert L.resolve("huyện Châu Thành", text="Không nêu tỉnh nào.") is None
    by_host = L.resolve("huyện Châu Thành", source="https://baobentre.vn/a.html")
    assert by_host.province == "Bến Tre"
    assert L.resolve("huyện Châu Thành", source="/du-lieu/bao-cao.txt") is None


def test_accent_free_keys() -> None:
    assert L._key("Đắk Lắk") == "daklak"
    assert L._key("TP. Hồ Chí Minh") == "tphochiminh"
    assert L._key("Krông A Na") == "krongana"
    assert L._key("Thừa Thiên - Huế 2") == "thuathienhue2"
    assert L._key("") == L._key(None) == ""


def test_index_cache_file_gives_the_built_index(tmp_path, monkeypatch) -> None:
    """The index loaded from its cache file is the one built from the data; a damaged or
    unwritable cache only means building it; "off" writes none."""
    monkeypatch.setenv(L.CACHE_ENV, str(tmp_path))
    built = L._cached_index(L._build_from_data)
    files = list(tmp_path.glob("localities-*.marshal"))
    assert len(files) == 1 and not list(tmp_path.glob("*.tmp"))
    calls: list[int] = []

    def build() -> L._Index:
        calls.append(1)
        return L._build_from_data()

    loaded = L._cached_index(build)
    assert not calls and loaded.state() == built.state()
    assert [loaded.unit(i) for i in range(len(loaded.columns[0]))] == built.made
    assert all(isinstance(u, L.Locality) for u in built.made)
    files[0].write_bytes(b"\x00not marshal")
    assert L._cached_index(build).state() == built.state() and len(calls) == 1
    assert L._cached_index(build).state() == built.state() and len(calls) == 1  # rewritten
    monkeypatch.setenv(L.CACHE_ENV, "off")
    files[0].unlink()
    assert L._cached_index(build).state() == built.state() and len(calls) == 2
    assert not list(tmp_path.iterdir())
    monkeypatch.setenv(L.CACHE_ENV, str(tmp_path))
    old, recent = tmp_path / "localities-old.marshal", tmp_path / "localities-recent.marshal"
    old.write_bytes(b"")
    recent.write_bytes(b"")
    os.utime(old, (0, 0))  # written long ago by another version
    assert L._cached_index(build).state() == built.state() and len(calls) == 3
    assert sorted(f.name for f in tmp_path.iterdir()) == sorted([files[0].name, recent.name])
    calls.clear()
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv(L.CACHE_ENV, str(blocked / "sub"))  # cannot be created
    assert L._cached_index(build).state() == built.state() and len(calls) == 1


def test_index_maps_agree_with_units() -> None:
    idx = L._index()
    for scheme in (L.PRE2025, L.POST2025):
        for rank in L.RANKS:
            if (scheme, rank) == (L.POST2025, "district"):
                continue
            units = idx.all(scheme, rank)
            assert units and all((u.scheme, u.rank) == (scheme, rank) for u in units)
            for u in units:
                assert idx.code(scheme, rank, u.code) is u
                assert u in idx.by(idx.by_name, scheme, rank, u.name.lower())
                assert u in idx.by(idx.by_key, scheme, rank, L._key(u.name))
    assert L.get("66", rank="province") is L.get("66", rank="province")  # made once


def test_str_lower_is_the_lowercase_re_ignorecase_compares() -> None:
    """What `_mention_counter` relies on: one character's str.lower is _sre's simple
    lowercase for every character but "İ" (whose lowercase "i̇" `_fold_unsafe` covers)."""
    import _sre

    differ = [cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF
              and chr(cp).lower() != chr(_sre.unicode_tolower(cp))]
    assert differ == [0x130]


def test_mention_counter_counts_as_the_regex_does() -> None:
    """The fast count against the plain one (`_mentions`, a regex per name) on random
    texts of names, cases and the characters re.IGNORECASE treats specially."""
    import random

    provinces = [u.name for u in L.list_units("province")][:20]
    districts = [u.name for u in L.list_units("district")][:40]
    odd = ["ſ", "s", "S", "ς", "σ", "Σ", "İ", "ı", "i", "I", "K", "k", "µ", "μ", "ẞ", "ß", "\u0307", "Đ", "đ"]
    names = provinces + districts + ["Sơn Tây", "ſơn Tây", "Kon Tum", "Kon Tum", "İa Grai", "Ia Grai",
                                     "Σa", "σa", "ςa", "Bến Tre.", "Thành", "An", "x"]
    words = ["tỉnh", "huyện", "của", "đã", "ước", "đạt", ",", ".", "-", "\n", "(", ")"]
    r = random.Random(4)
    for _ in range(1500):
        parts = []
        for _ in range(r.randint(0, 30)):
            pick = r.random()
            word = r.choice(names) if pick < 0.4 else r.choice(odd) if pick < 0.55 else r.choice(words)
            word = word.upper() if r.random() < 0.15 else word.lower() if r.random() < 0.15 else word
            parts.append(word)
        text = "".join(p + r.choice([" ", "", " ", ", "]) for p in parts)
        count = L._mention_counter(text)
        for name in [*r.sample(names, 8), None, ""]:
            assert count(name) == L._mentions(text, name), (text, name)

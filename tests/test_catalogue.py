"""The indicator catalogue: data file shape, matching (positives and negatives), user files.

The match examples are wordings written for this test (none of them is an alias in
indicators.yaml); MATCH_THRESHOLD was chosen on them (see chitieu/catalogue.py).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from chitieu import catalogue as cat
from chitieu.catalogue import AREAS, DIRECTIONS, Catalogue, CatalogueError, match_indicator
from chitieu.cli import main
from chitieu.extract import lexicon

DATA = lexicon.load("indicators")
KNOWN_ENTRY_KEYS = {"code", "name", "unit", "direction", "area", "aliases"}
KNOWN_NORMALIZE_KEYS = {"spellings", "abbreviations", "leading_fillers", "trailing_words"}

POSITIVES = [
    ("Tổng thu NSNN trên địa bàn huyện", "NS_THU_NSNN"),
    ("thu ngân sách nhà nước trên địa bàn 6 tháng", "NS_THU_NSNN"),
    ("Thu cân đối ngân sách Nhà nước trên địa bàn", "NS_THU_NSNN"),
    ("tổng thu ngân sách nhà nước năm 2023", "NS_THU_NSNN"),
    ("kết quả giải ngân vốn đầu tư công", "DT_GIAI_NGAN_DTC"),
    ("giải ngân nguồn vốn đầu tư công", "DT_GIAI_NGAN_DTC"),
    ("tỉ lệ hộ nghèo", "XH_TY_LE_HO_NGHEO"),
    ("tỷ lệ hộ nghèo toàn huyện", "XH_TY_LE_HO_NGHEO"),
    ("tỷ lệ hộ nghèo đa chiều cuối năm", "XH_TY_LE_HO_NGHEO"),
    ("số hộ nghèo toàn huyện", "XH_HO_NGHEO"),
    ("kết nạp đv mới", "DANG_KET_NAP"),
    ("kết nạp được đảng viên mới", "DANG_KET_NAP"),
    ("công tác phát triển đảng viên mới", "DANG_KET_NAP"),
    ("Giá trị sản xuất nông - lâm - thủy sản", "KT_GTSX_NLTS"),
    ("giá trị sản xuất nông, lâm nghiệp, thủy sản", "KT_GTSX_NLTS"),
    ("giá trị sản xuất Công nghiệp - Tiểu thủ công nghiệp", "KT_GTSX_CN"),
    ("Giá trị sản xuất ngành công nghiệp - xây dựng", "KT_GTSX_CNXD"),
    ("thu nhập bình quân đầu người một năm", "KT_THU_NHAP_BQ"),
    ("số xã đạt chuẩn NTM", "KT_XA_NTM"),
    ("tổng sản lượng lương thực cây có hạt", "KT_SL_LUONG_THUC"),
    ("Tổng vốn đầu tư phát triển toàn xã hội trên địa bàn", "DT_VON_DTPT"),
    ("tốc độ tăng trưởng kinh tế (GRDP)", "KT_TANG_TRUONG"),
    ("tổng mức bán lẻ hàng hóa và doanh thu các dịch vụ tiêu dùng", "KT_BAN_LE"),
    ("số vụ tai nạn giao thông", "AN_TAI_NAN_GT"),
    ("tai nạn giao thông xảy ra", "AN_TAI_NAN_GT"),
    ("tỷ lệ người dân tham gia BHYT", "XH_BHYT"),
    ("tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng", "XH_SUY_DINH_DUONG"),
    ("số lao động được giải quyết việc làm mới", "XH_VIEC_LAM"),
    ("tổng đàn trâu, bò", "KT_DAN_GIA_SUC"),
    ("thi hành kỷ luật đảng viên vi phạm", "DANG_KY_LUAT_DV"),
    ("tổng lượt khách du lịch đến tham quan", "KT_KHACH_DU_LICH"),
    ("kim ngạch xuất khẩu hàng hoá", "KT_KIM_NGACH_XK"),
    ("Doanh nghiệp thành lập mới trên địa bàn", "DT_DN_THANH_LAP"),
    ("công tác giao nhận quân", "QP_GIAO_QUAN"),
    ("tỷ lệ che phủ của rừng", "KT_CHE_PHU_RUNG"),
    ("tỷ lệ lao động đã qua đào tạo", "XH_LAO_DONG_DAO_TAO"),
]

NEGATIVES = [
    "tổng số hộ", "diện tích cây lâu năm", "hồ sơ đã kê khai đăng ký", "sản phẩm 4 sao",
    "nhà văn hóa thôn", "tổng mức đầu tư", "kinh phí thực hiện", "tỷ lệ đảng viên tham gia sinh hoạt",
    "số lượt người khám chữa bệnh", "cấp giấy chứng nhận quyền sử dụng đất", "số học sinh bỏ học",
    "thông qua nghị quyết", "bàn giao mặt bằng", "tặng giấy khen cá nhân",
    "hộ nghèo vùng đồng bào dân tộc", "đảng viên là người dân tộc thiểu số",
    "phòng chống cháy rừng mùa khô", "tuyên truyền phòng chống tội phạm", "tiêm chủng mở rộng",
    "số hợp tác xã thành lập mới", "số người tham gia bảo hiểm xã hội tự nguyện", "tỷ lệ học sinh tốt nghiệp",
    "", "   ", "2024",
]


def _entries() -> list[dict]:
    return DATA["indicators"]


def test_catalogue_has_at_least_40_indicators_with_known_keys() -> None:
    entries = _entries()
    assert len(entries) >= 40
    for e in entries:
        assert set(e) <= KNOWN_ENTRY_KEYS, e["code"]
        assert {"code", "name", "direction", "area", "aliases"} <= set(e), e.get("code")
    assert set(DATA["normalize"]) <= KNOWN_NORMALIZE_KEYS


def test_codes_unique_and_well_formed() -> None:
    codes = [e["code"] for e in _entries()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]+(_[A-Z0-9]+)+", c) for c in codes)


def test_direction_and_area_values_are_valid() -> None:
    for e in _entries():
        assert e["direction"] in DIRECTIONS, e["code"]
        assert e["area"] in AREAS, e["code"]
    lower = {e["code"] for e in _entries() if e["direction"] == "lower"}
    assert {"XH_TY_LE_HO_NGHEO", "XH_TY_LE_HO_CAN_NGHEO", "XH_SUY_DINH_DUONG", "AN_TAI_NAN_GT",
            "AN_CHAY", "AN_TOI_PHAM", "XH_THAT_NGHIEP"} <= lower
    assert "NS_THU_NSNN" not in lower


def test_aliases_are_nfc_and_unique_across_entries_after_normalization() -> None:
    c = Catalogue.load()
    owner: dict[str, str] = {}
    for e in _entries():
        for phrase in [e["name"], *e["aliases"]]:
            assert unicodedata.normalize("NFC", phrase) == phrase
            key = c.normalize(phrase)
            assert key, phrase
            other = owner.setdefault(key, e["code"])
            assert other == e["code"], f"{phrase!r} of {e['code']} is also {other}"


def test_every_alias_and_name_matches_its_own_code() -> None:
    c = Catalogue.load()
    for ind in c:
        for phrase in (ind.name, *ind.aliases):
            assert c.match(phrase) == ind.code, phrase


@pytest.mark.parametrize(("text", "code"), POSITIVES)
def test_match_positive(text: str, code: str) -> None:
    assert match_indicator(text) == code


@pytest.mark.parametrize("text", NEGATIVES)
def test_match_negative(text: str) -> None:
    assert match_indicator(text) is None


def test_threshold_separates_the_examples() -> None:
    """The documented threshold lies between the worst positive and the best negative."""
    c = Catalogue.load()
    pos = [c.match_scored(t) for t, _ in POSITIVES]
    assert all(p is not None and p[1] >= cat.MATCH_THRESHOLD for p in pos)
    worst_positive = min(p[1] for p in pos if p)
    assert worst_positive < 100  # some examples really do go through the fuzzy step
    assert worst_positive >= cat.MATCH_THRESHOLD


def test_normalize_drops_fillers_places_numbers_and_expands_abbreviations() -> None:
    c = Catalogue.load()
    assert c.normalize("Kết quả thu NSNN trên địa bàn huyện 6 tháng năm 2024") == "thu ngân sách nhà nước"
    assert c.normalize("Tỉ lệ hộ nghèo") == "tỷ lệ hộ nghèo"
    assert c.normalize("tổng") == "tổng"  # never down to nothing


def test_direction_and_area_helpers() -> None:
    assert cat.direction("XH_TY_LE_HO_NGHEO") == "lower"
    assert cat.direction("NS_THU_NSNN") == "higher"
    assert cat.area("DANG_KET_NAP") == "xây dựng Đảng"
    assert cat.area("NOPE") is None and cat.direction("NOPE") is None


def test_user_catalogue_overrides_and_extends(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "indicators:\n"
        "  - code: NS_THU_NSNN\n    unit: triệu đồng\n    aliases: [nguồn thu ngân sách của huyện nhà]\n"
        "  - code: XH_CAU_DAN_SINH\n    name: Cầu dân sinh xây mới\n    direction: higher\n"
        "    area: xã hội\n    aliases: [cầu dân sinh được xây mới]\n",
        encoding="utf-8")
    c = Catalogue.load([extra])
    assert c.get("NS_THU_NSNN").unit == "triệu đồng"
    assert c.get("NS_THU_NSNN").name == "Thu ngân sách nhà nước trên địa bàn"  # kept
    assert c.match("nguồn thu ngân sách của huyện nhà") == "NS_THU_NSNN"
    assert c.match("thu ngân sách nhà nước") == "NS_THU_NSNN"  # built-in aliases kept
    assert c.match("cầu dân sinh được xây mới") == "XH_CAU_DAN_SINH"
    assert len(c) == len(Catalogue.load()) + 1


def test_user_catalogue_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- code: X_Y\n  name: y\n  direction: sideways\n  area: xã hội\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="direction"):
        Catalogue.load([bad])
    missing = tmp_path / "missing.yaml"
    missing.write_text("- code: X_Z\n  name: z\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="missing"):
        Catalogue.load([missing])


def test_match_is_fast() -> None:
    import time

    c = Catalogue.load()
    t = time.perf_counter()
    for i in range(2000):
        c.match(f"giá trị hàng hóa thu hoạch trên một héc ta đất canh tác {i}")
    assert time.perf_counter() - t < 2.0


def test_cli_indicators_lists_catalogue_without_store(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHITIEU_DB", raising=False)
    result = CliRunner().invoke(main, ["indicators"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "NS_THU_NSNN" in result.output and "DANG_KET_NAP" in result.output
    assert not (tmp_path / "chitieu.db").exists()


def test_cli_indicators_counts_facts_in_store(tmp_path: Path) -> None:
    db = pytest.importorskip("chitieu.store.db")
    from sqlalchemy import text

    path = tmp_path / "s.db"
    try:
        store = db.open_store(str(path))
    except Exception as exc:  # the store is being written concurrently
        pytest.skip(f"store not usable yet: {exc}")
    store.close()
    from chitieu.cli.catalogue_cmd import fact_counts

    assert fact_counts(str(path)) == {}
    with db.open_store(str(path), migrate=False) as store, store.engine.connect() as conn:
        cols = {r[1] for r in conn.execute(text("PRAGMA table_info(facts)"))}
    assert "indicator_code" in cols
    assert fact_counts(str(tmp_path / "absent.db")) is None
    assert not (tmp_path / "absent.db").exists()

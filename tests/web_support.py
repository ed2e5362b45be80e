"""Reports, accounts and logins shared by the web, export and browser tests.

The reports are our own sentences: two districts, two periods each, with targets,
tallies, directives with deadlines, petitions, and one report whose text carries markup
(to check that the document page shows it as text).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from chitieu.assess.service import assess_all
from chitieu.store import Store
from chitieu.store.ingest import ingest
from chitieu.store.repo_web import save_user
from chitieu.web.auth import hash_password

TODAY = dt.date(2025, 11, 20)
PASSWORD = "mat-khau-thu-nghiem"
ROLES = ("viewer", "editor", "admin")

REPORTS = {
    "lak-6-thang-2024.txt": (
        "Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm 2024 của huyện Lắk, tỉnh Đắk Lắk\n\n"
        "Thu ngân sách nhà nước trên địa bàn ước đạt 61.250 triệu đồng, đạt 47,5% dự toán tỉnh giao, "
        "tăng 6,3% so với cùng kỳ. Tổng diện tích gieo trồng đạt 18.420 ha, đạt 52,1% kế hoạch năm. "
        "Tỷ lệ hộ nghèo giảm còn 9,8%. Có 9/16 chỉ tiêu đạt tiến độ đề ra.\n"
        "Đồng chí Lê Văn Hùng, Chủ tịch Ủy ban nhân dân huyện, yêu cầu Phòng Tài chính - Kế hoạch "
        "đôn đốc thu nợ đọng thuế, hoàn thành trước ngày 30/9/2024.\n"
        "Huyện kiến nghị tỉnh bổ sung kinh phí sửa chữa kênh mương thủy lợi hồ Lắk.\n"),
    "lak-nam-2024.txt": (
        "Báo cáo tình hình kinh tế - xã hội năm 2024 của huyện Lắk, tỉnh Đắk Lắk\n\n"
        "Thu ngân sách nhà nước trên địa bàn đạt 118.900 triệu đồng, đạt 92,2% dự toán tỉnh giao. "
        "Tổng diện tích gieo trồng đạt 35.600 ha, đạt 100,7% kế hoạch. Tỷ lệ hộ nghèo giảm còn 8,4%. "
        "Có 13/16 chỉ tiêu đạt và vượt kế hoạch.\n"
        "Đồng chí Lê Văn Hùng, Chủ tịch Ủy ban nhân dân huyện, yêu cầu Ban Quản lý dự án huyện "
        "đẩy nhanh giải ngân vốn đầu tư công, hoàn thành trước ngày 31/3/2025.\n"
        "Huyện kiến nghị tỉnh sớm phê duyệt quy hoạch vùng trồng lúa hữu cơ.\n"),
    "cu-jut-6-thang-2025.txt": (
        "Báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2025 của huyện Cư Jút, tỉnh Đắk Nông\n\n"
        "Thu ngân sách nhà nước trên địa bàn ước đạt 74.300 triệu đồng, đạt 38,6% dự toán tỉnh giao. "
        "Giá trị sản xuất công nghiệp đạt 1.215 tỷ đồng, đạt 55,4% kế hoạch. Có 7/15 chỉ tiêu đạt tiến độ. "
        "Số buổi tuyên truyền pháp luật ở thôn buôn đạt 45 buổi, đạt 90% kế hoạch.\n"
        "Đồng chí Trần Thị Mai, Bí thư Huyện ủy, yêu cầu Ủy ban nhân dân các xã rà soát các chỉ tiêu "
        "chậm tiến độ, hoàn thành trước ngày 31/8/2025.\n"
        "Huyện đề nghị tỉnh hỗ trợ 5 tỷ đồng xây dựng cầu treo buôn Trum.\n"),
    "cu-jut-9-thang-2025.txt": (
        "Báo cáo kết quả thực hiện nhiệm vụ 9 tháng năm 2025 của huyện Cư Jút, tỉnh Đắk Nông\n\n"
        "Thu ngân sách nhà nước trên địa bàn ước đạt 102.500 triệu đồng, đạt 53,2% dự toán tỉnh giao. "
        "Giá trị sản xuất công nghiệp đạt 1.790 tỷ đồng, đạt 81,6% kế hoạch. "
        "Ghi chú kỹ thuật: <script>alert(\"xss\")</script> & <b>đậm</b> được giữ nguyên như văn bản.\n"
        "Đồng chí Trần Thị Mai, Bí thư Huyện ủy, yêu cầu Phòng Tài chính - Kế hoạch huyện tập trung "
        "thu ngân sách, hoàn thành trước ngày 31/12/2025.\n"),
}


def write_reports(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in REPORTS.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def fill(store: Store, folder: Path) -> None:
    """Ingest the reports, judge them (on a fixed day), and add one account per role."""
    ingest(store, write_reports(folder), progress=False)
    with store.transaction() as session:
        assess_all(session, today=TODAY)
        for role in ROLES:
            save_user(session, role, hash_password(PASSWORD), role)


def csrf_from(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF field in the page"
    return m.group(1)


def login(client, username: str, password: str = PASSWORD) -> str:
    """Log in through the form; returns the new session's CSRF token."""
    token = csrf_from(client.get("/dang-nhap").text)
    r = client.post("/dang-nhap", data={"username": username, "password": password, "csrf_token": token,
                                        "next": "/"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return client.get("/phien.json").json()["csrf_token"]

"""Write a synthetic, schema-valid ledger of N tasks and N×E progress entries, from a seed.

    python benchmarks/generate.py -n 10000 --entries-per-task 10 --seed 1 --out /tmp/ledger-10k

The ledger looks like a city that keeps many districts' plans in one file: ~300 units
(district offices, wards, ward groups, city departments) with Vietnamese names and aliases,
every deadline kind of docs/plan-format.md, Vietnamese titles and products, and progress
entries in one file per unit and quarter (reports/<YYYY-Qn>/<unit>.yaml). Every entry is
written by a unit that leads or supports its task (or is a member of a group that does),
dated inside its file's quarter, within 2008-10-17..2010-12-31.

YAML text is written directly (not through yaml.dump) so 100,000 tasks / 1,000,000 entries
take well under a minute. The same seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

SIGNED = date(2008, 10, 17)
LAST = date(2010, 12, 31)
QUARTERS = [(y, q) for y in (2008, 2009, 2010) for q in (1, 2, 3, 4) if (y, q) >= (2008, 4)]
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

DISTRICTS = [str(d) for d in range(1, 13)]
OFFICES = [  # (slug, name, alias)
    ("kinh-te", "Kinh tế", "KT"),
    ("qldt", "Quản lý đô thị", "QLĐT"),
    ("tnmt", "Tài nguyên và Môi trường", "TNMT"),
    ("tckh", "Tài chính - Kế hoạch", "TC-KH"),
    ("noi-vu", "Nội vụ", "NV"),
    ("tu-phap", "Tư pháp", "TP"),
    ("vhtt", "Văn hóa - Thông tin - Thể thao", "VH-TT-TT"),
    ("giao-duc", "Giáo dục và Đào tạo", "GD-ĐT"),
    ("y-te", "Y tế", "YT"),
    ("ldtbxh", "Lao động - Thương binh và Xã hội", "LĐ-TB-XH"),
    ("thanh-tra", "Thanh tra", "TTr"),
    ("thong-ke", "Thống kê", "TK"),
]
WARDS = ["An Phú", "An Khánh", "Bình An", "Bình Khánh", "Bình Trưng Đông", "Bình Trưng Tây",
         "Cát Lái", "Thạnh Mỹ Lợi", "An Lợi Đông", "Thảo Điền", "Thủ Thiêm"]
CITY = [  # city departments every district works with
    ("so-cong-thuong", "Sở Công Thương", "sở", "Sở CT"),
    ("so-ke-hoach-dau-tu", "Sở Kế hoạch và Đầu tư", "sở", "Sở KH-ĐT"),
    ("so-tai-chinh", "Sở Tài chính", "sở", "Sở TC"),
    ("so-tu-phap", "Sở Tư pháp", "sở", "Sở TP"),
    ("vien-kinh-te", "Viện Kinh tế thành phố", "viện", "Viện KT"),
    ("hoi-doanh-nghiep", "Hội Doanh nghiệp thành phố", "hội", "Hội DN"),
    ("cong-ty-thu-thiem", "Công ty Cổ phần Thủ Thiêm", "công ty", "Công ty CP Thủ Thiêm"),
    ("cac-don-vi-lien-quan", "Các phòng - ban liên quan", "không cụ thể", "Các đơn vị liên quan"),
]
VERBS = ["Triển khai", "Xây dựng kế hoạch", "Tổ chức tuyên truyền", "Rà soát", "Hoàn thiện",
         "Nâng cao chất lượng", "Đẩy mạnh", "Hỗ trợ doanh nghiệp", "Đào tạo, bồi dưỡng",
         "Kiểm tra, giám sát", "Cải cách thủ tục", "Phát triển"]
OBJECTS = ["về WTO cho cán bộ, công chức", "hạ tầng khu công nghiệp Cát Lái",
           "mạng lưới chợ - siêu thị - trung tâm thương mại", "quy hoạch sử dụng đất",
           "cơ chế một cửa liên thông", "nguồn nhân lực chất lượng cao", "thương hiệu sản phẩm",
           "an sinh xã hội cho người lao động", "chương trình phát thanh về hội nhập",
           "hệ thống quản lý chất lượng ISO 9001:2000", "bồi thường, giải phóng mặt bằng",
           "chuyển đổi cơ cấu kinh tế dịch vụ - thương mại", "môi trường đầu tư trên địa bàn"]
PRODUCTS = ["Báo cáo kết quả thực hiện", "Kế hoạch chi tiết được duyệt", "Đề án trình Ủy ban nhân dân quận",
            "Chương trình phát thanh hàng tuần", "Hội nghị sơ kết", "Tài liệu tuyên truyền",
            "Danh mục dự án kêu gọi đầu tư", "Quyết định phê duyệt"]
NOTES = ["Đã họp triển khai với các phường.", "Đang chờ ý kiến của Sở.", "Hoàn thành 50% khối lượng.",
         "Đã gửi báo cáo về Phòng Kinh tế.", "Tổ chức 3 lớp tập huấn, 240 lượt người tham dự.",
         "Chưa bố trí được kinh phí."]
REASONS = ["Chưa có kinh phí", "Chờ Thành phố phê duyệt quy hoạch", "Nhiệm vụ được điều chỉnh theo kế hoạch mới"]
EVENTS = [("tp-duyet-quy-hoach-cho", "Thành phố phê duyệt quy hoạch mạng lưới chợ - siêu thị"),
          ("tp-duyet-de-an-cum-ttcn", "Ủy ban nhân dân thành phố duyệt đề án cụm tiểu thủ công nghiệp"),
          ("tp-giao-von", "Thành phố giao vốn đầu tư xây dựng cơ bản"),
          ("ban-hanh-quy-che", "Ban hành quy chế phối hợp liên ngành")]

PROGRAMS = [
    ("1", "Công tác thông tin, tuyên truyền, phổ biến kiến thức về WTO", []),
    ("2", "Chương trình hỗ trợ chuyển đổi cơ cấu kinh tế", []),
    ("3", "Chương trình đẩy mạnh có hiệu quả tốc độ đô thị hóa", [
        ("3.1", "Về công tác quản lý quy hoạch"), ("3.2", "Về chỉnh trang đô thị"),
        ("3.3", "Về quản lý đất đai"), ("3.4", "Về môi trường")]),
    ("4", "Chương trình cải cách hành chính", []),
    ("5", "Chương trình phát triển nguồn nhân lực", []),
    ("6", "Chương trình văn hóa - xã hội", []),
    ("7", "Chương trình bảo đảm an ninh quốc phòng", []),
    ("8", "Chế độ thông tin, báo cáo", []),
]

HEADER = """\
# Sổ kế hoạch tổng hợp (dữ liệu tổng hợp để đo hiệu năng — synthetic benchmark data, seed {seed})
decision:
  number: 02/2008/QĐ-UBND
  title: VỀ BAN HÀNH KẾ HOẠCH TRIỂN KHAI CHƯƠNG TRÌNH HÀNH ĐỘNG HỘI NHẬP KINH TẾ QUỐC TẾ (GIAI ĐOẠN 2008 - 2010)
  issuer: Ủy ban nhân dân quận 2
  signed_on: "2008-10-17"
  signer: Lê Trọng Sang
  signer_title: TM. Ủy ban nhân dân — Chủ tịch
  effective_after_days: 7
  directed_by: Phó Chủ tịch Ủy ban nhân dân quận phụ trách kinh tế
  standing_agency: phong-kinh-te-q2
  reviews: [6 tháng, hàng năm]
plan:
  title: KẾ HOẠCH TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH HÀNH ĐỘNG HỘI NHẬP KINH TẾ QUỐC TẾ GIAI ĐOẠN 2008 – 2010
  objective: Xác định các nhiệm vụ và công việc cụ thể mà chính quyền các quận triển khai giai đoạn 2008 - 2010.
  period: {{start: "2008-01-01", end: "2010-12-31"}}
"""


def q(text: str) -> str:
    """A double-quoted YAML scalar (our texts hold no quote or backslash)."""
    return f'"{text}"'


def make_units() -> tuple[list[dict], dict[str, list[str]]]:
    """~300 units; returns them and, per district, its office ids, ward ids and group id."""
    units: list[dict] = []
    by_district: dict[str, list[str]] = {}
    for d in DISTRICTS:
        ids = []
        for slug, name, abbr in OFFICES:
            uid = f"phong-{slug}-q{d}"
            units.append({"id": uid, "name": f"Phòng {name} quận {d}", "kind": "phòng",
                          "aliases": [f"Phòng {abbr} Q{d}", f"P.{abbr} quận {d}"]})
            ids.append(uid)
        wards = []
        for w in WARDS:
            slug = _slug(w)
            uid = f"ubnd-phuong-{slug}-q{d}"
            units.append({"id": uid, "name": f"Ủy ban nhân dân phường {w} quận {d}", "kind": "ubnd phường",
                          "aliases": [f"UBND phường {w} Q{d}"]})
            wards.append(uid)
        group = f"ubnd-cac-phuong-q{d}"
        units.append({"id": group, "name": f"Ủy ban nhân dân {len(WARDS)} phường quận {d}", "kind": "nhóm",
                      "aliases": [f"UBND {len(WARDS)} phường Q{d}"], "members": wards})
        by_district[d] = ids + wards + [group]
    for uid, name, kind, alias in CITY:
        units.append({"id": uid, "name": name, "kind": kind, "aliases": [alias]})
    return units, by_district


_ASCII = str.maketrans("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
                       "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd")


def _slug(text: str) -> str:
    return "-".join(text.lower().translate(_ASCII).split())


def deadline(rng: random.Random) -> tuple[str, str]:
    """(due notation, the document's words) for one milestone, every kind represented."""
    r = rng.random()
    y = rng.choice((2009, 2010)) if r < 0.5 else rng.choice((2008, 2009, 2010))
    if r < 0.25:
        y, qn = rng.choice(QUARTERS)
        return f"{y}-Q{qn}", f"Quý {ROMAN[qn]}-{y}"
    if r < 0.32:
        h = rng.choice((1, 2))
        y = rng.choice((2009, 2010))
        return f"{y}-H{h}", f"{'6 tháng đầu' if h == 1 else '6 tháng cuối'} năm {y}"
    if r < 0.50:
        y = rng.choice((2009, 2010))
        return q(str(y)), f"Năm {y}"
    if r < 0.62:
        return f"by {y if y > 2008 else 2010}", f"Đến năm {y if y > 2008 else 2010}"
    if r < 0.68:
        day = SIGNED + timedelta(days=rng.randrange((LAST - SIGNED).days + 1))
        return q(day.isoformat()), f"Đến ngày {day.day}/{day.month}/{day.year}"
    if r < 0.74:
        (y1, q1) = rng.choice(QUARTERS[:-2])
        i = QUARTERS.index((y1, q1))
        (y2, q2) = rng.choice(QUARTERS[i + 1:])
        return f"{y1}-Q{q1}..{y2}-Q{q2}", f"Từ quý {ROMAN[q1]}-{y1} đến quý {ROMAN[q2]}-{y2}"
    if r < 0.86:
        return "ongoing", rng.choice(("Thường xuyên", "Thực hiện thường xuyên"))
    if r < 0.92:
        if rng.random() < 0.3:
            return "every quarter 2009", "Cuối mỗi quý năm 2009"
        return "every quarter", "Cuối mỗi quý"
    if r < 0.96:
        return "every year", "Hàng năm"
    if r < 0.995:
        ev = rng.choice(EVENTS)
        return f"after {ev[0]}", f"Sau khi {ev[1][0].lower()}{ev[1][1:]}"
    return "none", ""


def generate(out: Path, n: int, entries_per_task: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    units, by_district = make_units()
    members = {u["id"]: u.get("members", []) for u in units}
    city = [c[0] for c in CITY]
    out.mkdir(parents=True, exist_ok=True)
    lines = [HEADER.format(seed=seed), "programs:\n"]
    for pid, title, sections in PROGRAMS:
        lines.append(f"  - id: {q(pid)}\n    title: {title}\n")
        if sections:
            lines.append("    sections:\n")
            lines += [f"      - id: {q(sid)}\n        title: {st}\n" for sid, st in sections]
    lines.append("units:\n")
    for u in units:
        lines.append(f"  - id: {u['id']}\n    name: {u['name']}\n    kind: {u['kind']}\n"
                     f"    aliases: [{', '.join(u['aliases'])}]\n")
        if u.get("members"):
            lines.append(f"    members: [{', '.join(u['members'])}]\n")
    lines.append("events:\n")
    lines += [f"  - id: {eid}\n    name: {name}\n" for eid, name in EVENTS]
    lines.append("tasks:\n")

    # files[(year, quarter, unit)] -> list of YAML entry blocks
    files: dict[tuple[int, int, str], list[str]] = {}
    span = (LAST - SIGNED).days + 1
    counters = {pid: 0 for pid, _, _ in PROGRAMS}
    prev: tuple[str, list[str], list[str]] | None = None  # last task that lists its own units
    n_entries = 0
    for i in range(n):
        pid, _, sections = PROGRAMS[i % len(PROGRAMS)]
        counters[pid] += 1
        k = counters[pid]
        section = None
        if sections:
            section = sections[k % len(sections)][0]
            tid = f"{section}.{k}"
        else:
            tid = f"{pid}.{k}"
        block = [f"  - id: {q(tid)}\n    program: {q(pid)}\n"]
        if section:
            block.append(f"    section: {q(section)}\n")
        block.append(f"    title: {rng.choice(VERBS)} {rng.choice(OBJECTS)} (nhiệm vụ {tid})\n")
        if prev is not None and i % 40 == 39:  # a merged cell: units come from the task above
            block.append(f"    units_from: {q(prev[0])}\n")
            lead, support = prev[1], prev[2]
        else:
            d = rng.choice(DISTRICTS)
            pool = by_district[d]
            lead = rng.sample(pool[: len(OFFICES)], rng.choice((1, 1, 1, 2)))
            support = [u for u in rng.sample(pool, rng.randrange(0, 4)) if u not in lead]
            if rng.random() < 0.1:
                support.append(rng.choice(city))
            block.append(f"    lead: [{', '.join(lead)}]\n    support: [{', '.join(support)}]\n")
            prev = (tid, lead, support)
        products = rng.sample(PRODUCTS, rng.randrange(0, 3))
        if products:
            block.append("    products:\n" + "".join(f"      - {p}\n" for p in products))
        block.append("    milestones:\n")
        n_ms = rng.choice((1, 1, 1, 2, 3))
        for j in range(n_ms):
            due, source = deadline(rng)
            block.append(f"      - due: {due}\n")
            if source:
                block.append(f"        source: {source}\n")
            if j < len(products):
                block.append(f"        product: {j + 1}\n")
        lines.append("".join(block))

        reporters = lead + [s for s in support if not members.get(s)]
        reporters += [m for s in support for m in members.get(s, [])[:2]]
        days = sorted(rng.randrange(span) for _ in range(entries_per_task))
        for e, offset in enumerate(days):
            day = SIGNED + timedelta(days=offset)
            unit = rng.choice(reporters)
            last = e == entries_per_task - 1
            r = rng.random()
            if last and r < 0.4:
                status, extra = "done", ""
            elif r < 0.03:
                status, extra = "blocked", f"\n    reason: {rng.choice(REASONS)}"
            elif last and r < 0.45:
                status, extra = "dropped", f"\n    reason: {rng.choice(REASONS)}"
            else:
                status, extra = "in-progress", ""
            ms = f"\n    milestone: {rng.randrange(1, n_ms + 1)}" if n_ms > 1 and r > 0.5 else ""
            note = f"\n    note: {rng.choice(NOTES)}" if r > 0.6 else ""
            key = (day.year, (day.month - 1) // 3 + 1, unit)
            files.setdefault(key, []).append(
                f"  - task: {q(tid)}{ms}\n    status: {status}\n    date: {q(day.isoformat())}{extra}{note}\n")
            n_entries += 1

    (out / "plan.yaml").write_text("".join(lines), encoding="utf-8")

    # events are recorded by the standing agency, in the quarter they happened
    event_rows: dict[tuple[int, int, str], list[str]] = {}
    for eid, _ in EVENTS[:-1]:  # the last one never happens: its tasks stay undated
        day = SIGNED + timedelta(days=rng.randrange(span))
        key = (day.year, (day.month - 1) // 3 + 1, "phong-kinh-te-q2")
        event_rows.setdefault(key, []).append(f"  - event: {eid}\n    date: {q(day.isoformat())}\n")
        files.setdefault(key, [])
    reports = out / "reports"
    for (y, qn, unit), entries in sorted(files.items()):
        folder = reports / f"{y}-Q{qn}"
        folder.mkdir(parents=True, exist_ok=True)
        text = [f"unit: {unit}\nperiod: {y}-Q{qn}\n"]
        if entries:
            text.append("entries:\n")
            text += entries
        if (y, qn, unit) in event_rows:
            text.append("events:\n")
            text += event_rows[(y, qn, unit)]
        (folder / f"{unit}.yaml").write_text("".join(text), encoding="utf-8")
    return {"tasks": n, "units": len(units), "entries": n_entries, "report_files": len(files)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--tasks", type=int, default=1000, help="number of tasks (default 1000)")
    ap.add_argument("--entries-per-task", type=int, default=10, help="progress entries per task (default 10)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", type=Path, required=True, help="data folder to write (plan.yaml, reports/)")
    args = ap.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"{args.out}: not empty; choose a new folder", file=sys.stderr)
        return 2
    start = time.perf_counter()
    stats = generate(args.out, args.tasks, args.entries_per_task, args.seed)
    took = time.perf_counter() - start
    print(f"{args.out}: {stats['tasks']} tasks, {stats['units']} units, {stats['entries']} entries in "
          f"{stats['report_files']} report files ({took:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

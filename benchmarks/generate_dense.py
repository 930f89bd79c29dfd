"""A second, differently shaped ledger: few units, many entries per task, long Vietnamese notes.

    python benchmarks/generate_dense.py -n 10000 --entries-per-task 30 --seed 1 --out /tmp/dense-10k

Where `generate.py` spreads entries over ~300 units and ~2,500 small report files, this one is
one district: 40 units (12 offices, 19 wards, its ward group, 8 city departments), so each
report file holds thousands of entries, and every entry carries a note of 2–4 sentences with
full Vietnamese diacritics (~300 bytes). The same writer (generate.generate) keeps the files
schema-valid; only the shape changes. The same seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import sys
import time
from pathlib import Path

_spec = importlib.util.spec_from_file_location("generate", Path(__file__).with_name("generate.py"))
generate = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(generate)  # type: ignore[union-attr]

SENTENCES = [
    "Đơn vị đã tổ chức họp triển khai với đại diện các phường và các phòng ban chuyên môn liên quan.",
    "Đang chờ ý kiến thẩm định của Sở Kế hoạch và Đầu tư trước khi trình Ủy ban nhân dân quận phê duyệt.",
    "Khối lượng công việc đã hoàn thành khoảng một nửa, phần còn lại dự kiến xong trong quý tới.",
    "Kinh phí được bố trí từ nguồn ngân sách quận năm nay, đã giải ngân theo đúng tiến độ đề ra.",
    "Vướng mắc về mặt bằng và thủ tục đền bù giải tỏa đã được báo cáo để xin ý kiến chỉ đạo.",
    "Đã phối hợp với Hội Doanh nghiệp quận tổ chức lớp tập huấn về các cam kết gia nhập WTO.",
    "Tài liệu tuyên truyền đã in ấn và phát hành đến từng khu phố, tổ dân phố trên địa bàn.",
    "Kết quả khảo sát ý kiến người dân và doanh nghiệp được tổng hợp, gửi kèm báo cáo này.",
]


def dense_notes(seed: int, count: int = 64) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.sample(SENTENCES, rng.randint(2, 4))) for _ in range(count)]


def generate_dense(out: Path, n: int, entries_per_task: int, seed: int) -> dict[str, int]:
    generate.DISTRICTS = ["2"]
    generate.WARDS = generate.WARDS + [f"Số {i}" for i in range(1, 19 - len(generate.WARDS) + 1)]
    notes = dense_notes(seed)
    generate.NOTES = notes
    counts = generate.generate(out, n, entries_per_task, seed)
    rng = random.Random(seed)
    for report in sorted((out / "reports").rglob("*.yaml")):  # a note on every entry without one
        text = report.read_text(encoding="utf-8")
        text = _UNNOTED.sub(lambda m: f"{m.group(1)}    note: {rng.choice(notes)}\n", text)
        report.write_text(text, encoding="utf-8")
    return counts


_UNNOTED = re.compile(r'(    status: [a-z-]+\n    date: "[^"]+"\n)(?!    (?:reason|note):)')


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--tasks", type=int, default=1000)
    ap.add_argument("--entries-per-task", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    opts = ap.parse_args()
    start = time.perf_counter()
    counts = generate_dense(opts.out, opts.tasks, opts.entries_per_task, opts.seed)
    print(f"{opts.out}: {counts} ({time.perf_counter() - start:.1f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()

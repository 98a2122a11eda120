"""Benchmark of reading assessment files (kahui/inquiry/importing.py).

Targets: 5,000 CSV rows in <= 0.5 s; 5,000 workbook rows in <= 1 s; text that baffles
the CSV sniffer refused in <= 0.3 s. Run with `make bench` (or
`.venv/bin/python -m bench.importing`). Prints CPU time per read and the machine."""

import io
import os
import platform
import statistics
import time
from datetime import date

from openpyxl import Workbook

from kahui.inquiry.importing import read_assessment_file


def csv_file() -> bytes:
    rows = [f"L{i:05d};{i % 97},{i % 10};{4 + i % 5};{1 + i % 28}/03/2027" for i in range(5000)]
    return ("\ufeff" + "\n".join(["Learner code;Score;Year level;Date", *rows]) + "\n").encode()


def workbook_file() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["Code", "Score", "Year", "Date"])
    for i in range(5000):
        sheet.append([f"L{i:05d}", i % 97 + 0.5, 4 + i % 5, date(2027, 3, 1 + i % 28)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def measure(content: bytes, runs: int) -> list[float]:
    read_assessment_file(content)  # the first read pays for loading what it needs
    timings = []
    for _ in range(runs):
        began = time.process_time()
        read_assessment_file(content)
        timings.append(time.process_time() - began)
    return timings


def main() -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )
    print("reading assessment files (CPU time)")
    baffling = ('a,"' * 5000 + 'x;"y,' * 3000).encode()
    for name, content, target in (
        ("5,000 CSV rows", csv_file(), 0.5),
        ("5,000 workbook rows", workbook_file(), 1.0),
        ("text that baffles the sniffer", baffling, 0.3),
    ):
        timings = measure(content, 5)
        median = statistics.median(timings)
        verdict = "ok" if median <= target else "OVER TARGET"
        print(
            f"  {name:>30}: median {median:6.3f} s, worst {max(timings):6.3f} s "
            f"(target <= {target} s: {verdict})"
        )


if __name__ == "__main__":
    main()

"""Benchmark of the best-time finder (kahui/scheduling/slots.py).

Targets: 12 people x 4 weeks x 15-minute cells in <= 10 ms; 1,000 people in <= 1 s.
Run with `make bench` (or `.venv/bin/python -m bench.slots`). Prints the figures and
the machine they ran on."""

import os
import platform
import random
import statistics
import time
from datetime import date

from kahui.scheduling.slots import Person, best_slots

ZONES = ["Pacific/Auckland", "Pacific/Auckland", "Pacific/Auckland", "Europe/Amsterdam"]


def people(count: int, seed: int = 7) -> list[Person]:
    """Educators free on a few afternoons and some evenings, in 15-minute cells."""
    rng = random.Random(seed)
    per_day = 96
    result = []
    for number in range(count):
        yes = 0
        maybe = 0
        for day in range(7):
            if rng.random() < 0.5:
                start = rng.randrange(14 * 4, 17 * 4)
                for cell in range(start, start + rng.randrange(4, 12)):
                    yes |= 1 << (day * per_day + cell)
            if rng.random() < 0.3:
                start = rng.randrange(19 * 4, 21 * 4)
                for cell in range(start, start + 8):
                    maybe |= 1 << (day * per_day + cell)
        result.append(Person(number, rng.choice(ZONES), yes, maybe, required=number < 2))
    return result


def measure(count: int, runs: int) -> list[float]:
    group = people(count)
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        best_slots(
            group,
            reference_time_zone="Pacific/Auckland",
            first_week=date(2027, 3, 22),
            weeks=4,
            duration_minutes=60,
            cell_minutes=15,
        )
        timings.append((time.perf_counter() - began) * 1000)
    return timings


def main() -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )
    print("best-time finder, 4 weeks (across both DST changes of 2027), 15-minute cells, 60 min")
    for count, runs, target in ((12, 50, 10), (100, 20, 100), (1000, 5, 1000)):
        timings = measure(count, runs)
        median = statistics.median(timings)
        worst = max(timings)
        verdict = "ok" if median <= target else "OVER TARGET"
        print(
            f"  {count:>5} people: median {median:8.2f} ms, worst {worst:8.2f} ms "
            f"(target <= {target} ms: {verdict})"
        )


if __name__ == "__main__":
    main()

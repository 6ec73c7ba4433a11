"""The run's figures and its verdict."""

import collections
import statistics

from .clients import Record

#: Where the README allows a 5xx: the search API says 503 while the engine is unavailable.
ALLOWED = {("search stopped", "/api/search/", 503)}


def allowed(record: Record) -> bool:
    return any(
        record.during == during and record.path.startswith(path) and record.status == status
        for during, path, status in ALLOWED
    )


def _percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def table(records: list[Record]) -> str:
    lines = ["| kind | requests | p50 ms | p95 ms | 4xx | 5xx | no answer |", "|---|---|---|---|---|---|---|"]
    kinds = collections.defaultdict(list)
    for record in records:
        kinds[record.kind].append(record)
        kinds["all"].append(record)
    for kind, rows in kinds.items():
        seconds = [row.seconds * 1000 for row in rows]
        statuses = collections.Counter(row.status // 100 for row in rows)
        lines.append(
            f"| {kind} | {len(rows)} | {_percentile(seconds, 0.5):.0f} | {_percentile(seconds, 0.95):.0f} | "
            f"{statuses[4]} | {statuses[5]} | {statuses[0]} |"
        )
    return "\n".join(lines)


def errors(records: list[Record]) -> str:
    where = collections.Counter(
        (row.during, row.kind, row.path.split("?")[0], row.status)
        for row in records
        if row.status >= 500 or row.status == 0
    )
    if not where:
        return "\nNo 5xx answers and no request left without an answer."
    lines = ["\n| during | kind | path | status | count | allowed |", "|---|---|---|---|---|---|"]
    for (during, kind, path, status), count in sorted(where.items()):
        ok = allowed(Record(kind, status, 0, 0, path, during))
        lines.append(
            f"| {during} | {kind} | `{path}` | {status or 'none'} | {count} | {'yes' if ok else 'no'} |"
        )
    return "\n".join(lines)


def verdict(checks: list, records: list[Record]) -> int:
    """Print the checks; 1 if any failed or any 5xx (or no answer) fell outside ALLOWED."""
    bad = [row for row in records if (row.status >= 500 or row.status == 0) and not allowed(row)]
    checks = [*checks, ("5xx outside the allowed", not bad, f"{len(bad)} answers")]
    print()
    for name, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    return 0 if all(ok for _, ok, _ in checks) else 1

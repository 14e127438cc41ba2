"""Ratios taken within each round, from the rows bench/allocator.sh and bench/paired.sh
write ("round route client variant cpu_us"), as min / median / max over the rounds."""
import collections
import statistics


def rounds(path, route):
    """Each round's CPU per request of `route`, keyed by (client, variant)."""
    by = collections.defaultdict(dict)
    for line in open(path):
        r, op, client, variant, cpu = line.split()
        if op == route:
            by[r][(client, variant)] = float(cpu)
    return list(by.values())


def ratio(rounds, a, b, digits=2):
    """`a` / `b` in each round: "min / median / max"."""
    xs = [v[a] / v[b] for v in rounds]
    return " / ".join(f"{x:.{digits}f}" for x in (min(xs), statistics.median(xs), max(xs)))

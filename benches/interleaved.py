#!/usr/bin/env python3
"""Time whole `desk` processes, interleaved: each round runs every case once, in turn.

On a shared, noisy machine, timing one command 60 times and then the other 60 times lets
load drift between the two blocks show up as a difference between them. Interleaving
spreads any drift over all cases equally, so the ratios (big store / empty store) are fair.

    interleaved.py RUNS WARMUP DESK < cases.tsv

Each input line: NAME<TAB>DESK_HOME<TAB>ARG<TAB>ARG... Prints NAME<TAB>MEDIAN_MS<TAB>MIN_MS.
"""
import os
import statistics
import subprocess
import sys
import time


def main():
    runs, warmup, desk = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    cases = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    times = {case[0]: [] for case in cases}
    for round_number in range(warmup + runs):
        for name, home, *args in cases:
            env = dict(os.environ, DESK_HOME=home)
            start = time.perf_counter()
            subprocess.run([desk, *args], env=env, stdout=subprocess.DEVNULL, check=True)
            elapsed_ms = (time.perf_counter() - start) * 1000
            if round_number >= warmup:
                times[name].append(elapsed_ms)
    for name, samples in times.items():
        print(f"{name}\t{statistics.median(samples):.1f}\t{min(samples):.1f}")


if __name__ == "__main__":
    main()

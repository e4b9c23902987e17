#!/usr/bin/env python3
"""The busy loop and the arithmetic of bench/stolen-core.sh, which is shell.

  stolen_core.py spin PID ONE_THREAD_LINE --repeats R --batches B [--start F] [--length F]
      takes a core from the `glassbox bench -t 2` run with process id PID during its timed batches:
      waits for the FMA peak measured before them to end (the JVM's threads named glassbox-peak-N
      come and go), sleeps for the fraction --start (0.25) of the time the timed batches are
      expected to take, spins for the fraction --length (0.5) of it, stopping early if the peak
      threads come back (the timed batches are over), then waits for them to note the end. Prints,
      as Unix times in JSON, when the timed batches began and ended and when it spun. Expected
      time: the one-thread run's rate, times 1.3 for the second thread. Meant to run pinned:
      taskset -c 1 python3 stolen_core.py spin …
  stolen_core.py record FILE --set SET --round R [--label T] --batches B --launched T0 ONE_LINE TWO_LINE SPIN_LINE
      appends both runs of a round to FILE; the two-thread one says, in seconds after its launch,
      when its timed batches ran and when the core was taken, and the share of the timed part that
      overlapped.
  stolen_core.py report FILE [--set SET]
      per round and as medians over the rounds: one-thread samples/s; two-thread samples/s over
      the whole timed part (all repeats) and in its slowest repeat, and both against one thread.
"""
import argparse
import json
import os
import signal
import statistics
import sys
import time

import result_sets

PEAK_THREAD = "glassbox-peak-"  # FmaPeak's threads, as Linux shows a Java thread's name
EXPECTED_SPEED_UP = 1.3  # of two threads over one, half the time with a core taken
POLL_SECONDS = 0.02


def peak_running(pid):
    """Whether the process's FMA peak threads are running; None once the process is gone."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return None
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/comm") as comm:
                if comm.read().startswith(PEAK_THREAD):
                    return True
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that just ended
    return False


def wait_while(pid, running, until=float("inf")):
    """Polls until peak_running(pid) is no longer `running`, the process is gone, or `until`;
    returns whether the peak's state changed."""
    while time.time() < until:
        state = peak_running(pid)
        if state is None:
            return False
        if state != running:
            return True
        time.sleep(POLL_SECONDS)
    return False


def spin(a):
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    one = json.loads(a.one_thread_line)
    expected = a.repeats * a.batches * one["batch"] / (EXPECTED_SPEED_UP * one["samples_per_second"])
    result = {"timed_from": None, "timed_to": None, "started": None, "stopped": None}
    try:
        if not (wait_while(a.pid, False) and wait_while(a.pid, True)):
            return  # ended before its timed batches
        result["timed_from"] = time.time()
        if wait_while(a.pid, False, until=result["timed_from"] + a.start * expected):
            result["timed_to"] = time.time()  # over before the core was to be taken
            return
        result["started"] = now = time.time()
        end = now + a.length * expected
        check = now
        while now < end:
            now = time.time()
            if now >= check:  # between checks, nothing but the loop: a core fully taken
                check = now + 0.05
                if peak_running(a.pid) is not False:
                    break
        result["stopped"] = time.time()
        if peak_running(a.pid):
            result["timed_to"] = result["stopped"]
        elif wait_while(a.pid, False):
            result["timed_to"] = time.time()
    finally:
        print(json.dumps(result), flush=True)


def record(a):
    one = json.loads(a.one_line)
    two = json.loads(a.two_line)
    tags = {"set": a.set, "label": a.label, "round": a.round, "batches": a.batches}
    spun = json.loads(a.spin_line) if a.spin_line.strip() else {}
    steal = {"core": 1}
    for key, name in (("timed_from", "timed_from_seconds"), ("timed_to", "timed_to_seconds"),
                      ("started", "taken_from_seconds"), ("stopped", "taken_to_seconds")):
        steal[name] = None if spun.get(key) is None else round(spun[key] - a.launched, 2)
    if None not in (spun.get("timed_from"), spun.get("timed_to")):
        timed = spun["timed_to"] - spun["timed_from"]
        overlap = 0.0
        if spun.get("started") is not None:
            overlap = max(0.0, min(spun["stopped"], spun["timed_to"]) - max(spun["started"], spun["timed_from"]))
        steal["taken_share"] = round(overlap / timed, 2)
    with open(a.file, "a") as out:
        out.write(json.dumps({**tags, "case": "one thread", **one}, ensure_ascii=False) + "\n")
        out.write(json.dumps({**tags, "case": "two threads, core 1 taken", "steal": steal, **two},
                             ensure_ascii=False) + "\n")
    whole, slowest = two_thread_figures(two, a.batches)
    share = steal.get("taken_share")
    print(f"round {a.round}: 1 thread {one['samples_per_second']:,} samples/s; 2 threads with core 1 taken"
          f" {round(whole):,} over the timed part ({whole / one['samples_per_second']:.2f}x),"
          f" slowest repeat {slowest:,} ({slowest / one['samples_per_second']:.2f}x); core taken for"
          f" {'?' if share is None else f'{100 * share:.0f} %'} of the timed part", flush=True)


def timed_seconds(line, batches):
    """How long the run's timed batches took: per repeat, the batches after the first at its rate."""
    per_repeat = (batches - 1) * line["batch"]
    return sum(per_repeat / rate for rate in line["samples_per_second_runs"])


def two_thread_figures(line, batches):
    """Samples/s over all the timed batches (a harmonic mean of the repeats), and the slowest repeat's."""
    runs = line["samples_per_second_runs"]
    return len(runs) * (batches - 1) * line["batch"] / timed_seconds(line, batches), min(runs)


def report(a):
    chosen, lines = result_sets.read_set(a.file, a.set, "case", "bench/stolen-core.sh")
    first = lines[0]
    print(f"A stolen core: {first['layers']}, batch {first['batch']}, {first['optimizer']}, set {chosen}"
          + (f" ({first['label']})" if first.get("label") else ""))
    print(result_sets.machine(first))
    print(f"{'round':>6}  {'1 thread':>9}  {'2 threads, core 1 taken':>23}  {'vs 1':>5}  {'slowest repeat':>14}"
          f"  {'vs 1':>5}  {'core taken':>10}")
    ratios, slow_ratios, ones, wholes = [], [], [], []
    for r in sorted({line["round"] for line in lines}):
        one = next((x for x in lines if x["round"] == r and x["threads"] == 1), None)
        two = next((x for x in lines if x["round"] == r and x["threads"] == 2), None)
        if one is None or two is None:
            continue
        batches = two["batches"]
        whole, slowest = two_thread_figures(two, batches)
        share = two["steal"].get("taken_share")
        ones.append(one["samples_per_second"])
        wholes.append(whole)
        ratios.append(whole / one["samples_per_second"])
        slow_ratios.append(slowest / one["samples_per_second"])
        print(f"{r:>6}  {one['samples_per_second']:>9,}  {round(whole):>23,}  {ratios[-1]:>5.2f}  {slowest:>14,}"
              f"  {slow_ratios[-1]:>5.2f}  {'?' if share is None else f'{100 * share:.0f} %':>10}")
    if ratios:
        print(f"{'median':>6}  {round(statistics.median(ones)):>9,}  {round(statistics.median(wholes)):>23,}"
              f"  {statistics.median(ratios):>5.2f}  {'':>14}  {statistics.median(slow_ratios):>5.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("spin")
    p.add_argument("pid", type=int)
    p.add_argument("one_thread_line")
    p.add_argument("--repeats", type=int, required=True)
    p.add_argument("--batches", type=int, required=True)
    p.add_argument("--start", type=float, default=0.25)
    p.add_argument("--length", type=float, default=0.5)
    r = result_sets.add_commands(commands)
    r.add_argument("--launched", type=float, required=True)
    r.add_argument("--batches", type=int, required=True)
    r.add_argument("one_line")
    r.add_argument("two_line")
    r.add_argument("spin_line")
    a = parser.parse_args()
    {"spin": spin, "record": record, "report": report}[a.command](a)


if __name__ == "__main__":
    main()

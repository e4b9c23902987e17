"""What the reports of bench/peer.sh and bench/stolen-core.sh share: a results file holds the lines
of many invocations, each tagged with its set (the time it started), and a report shows one set
under the machine its figures came from."""
import json


def read_set(file, chosen, key, script):
    """The set `chosen` (by default the file's last) of `script`'s lines, those that have `key`:
    (its name, its lines)."""
    lines = [json.loads(line) for line in open(file) if line.strip()]
    lines = [line for line in lines if "set" in line and key in line]
    if not lines:
        raise SystemExit(f"{file}: no results of {script}")
    chosen = chosen or lines[-1]["set"]
    lines = [line for line in lines if line["set"] == chosen]
    if not lines:
        raise SystemExit(f"{file}: no set {chosen}")
    return chosen, lines


def machine(line):
    """As glassbox bench's header names it, less the peak: CPU · AVX-512 · kernels: shape."""
    cpu = line["cpu"] + {True: " · AVX-512", False: " · no AVX-512"}.get(line.get("avx512"), "")
    return f"{cpu} · {line['kernels']} kernels: {line['kernel_shape']}"


def add_commands(commands):
    """The subcommands `record FILE --set S --round R [--label T] …` and `report FILE [--set S]`;
    returns record's parser, for the script's own arguments."""
    record = commands.add_parser("record")
    record.add_argument("file")
    record.add_argument("--set", required=True)
    record.add_argument("--round", type=int, required=True)
    record.add_argument("--label", default="")
    report = commands.add_parser("report")
    report.add_argument("file")
    report.add_argument("--set")
    return record

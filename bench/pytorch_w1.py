#!/usr/bin/env python3
"""The peer of `glassbox bench` on the W1 workload: PyTorch training 784-512-relu-256-relu-10 on
MNIST's training images, batch 128, SGD with momentum 0.9 at learning rate 0.01 (what the bench
uses), cross-entropy on the logits.

Timed as the bench times itself, so the two figures compare: after --warmup seconds of untimed
training on the same images, each of --repeats runs trains --batches random minibatches (a shuffle
of the run's slice of the training set: the first slice for run 0, as `bench --repeats 1` takes),
and samples/s counts the batches after the first, from the end of the first to the end of the
last. The images stay bytes, as Glassbox keeps them; each batch is gathered and scaled by 1/255 in
the timed loop, as Glassbox does. The initialisation is PyTorch's default; it does not change the
time.

Threads: the matrix products run in BLAS on --threads threads (OPENBLAS_NUM_THREADS, MKL_NUM_THREADS,
set before torch is imported), PyTorch's own ops on --torch-threads (default 1): with the pthread
OpenBLAS that Debian's torch uses, that is the fastest split on this project's machines.

Prints one JSON object: the bench's keys where they mean the same (layers, batch, threads,
optimizer, samples_per_second, samples_per_second_runs, epoch_seconds, gflops, flops_per_sample)
and the peer's own (framework, torch, torch_threads, blas: the BLAS library it ran on,
learning_rate, batches, warmup_seconds, cpu_per_wall: CPU seconds of the process per second of
timed training, about the number of cores it kept busy; final_loss, to show it trained).

Usage: python3 bench/pytorch_w1.py --threads 2 --batches 300 --repeats 5 --warmup 2
"""
import argparse
import gzip
import json
import os
import pathlib
import statistics
import struct
import time

LAYERS = (784, 512, 256, 10)
LEARNING_RATE = 0.01  # BenchCommand's, constant
MOMENTUM = 0.9  # OptimizerConfig's default for "momentum"


def arguments():
    default_data = pathlib.Path(__file__).resolve().parent.parent / "data" / "mnist"
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--threads", type=int, default=1, help="BLAS threads (default 1)")
    p.add_argument("--torch-threads", type=int, default=1, help="PyTorch's intra-op threads (default 1)")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--batches", type=int, default=300, help="batches per timed run (default 300)")
    p.add_argument("--repeats", type=int, default=5, help="timed runs; the median is reported (default 5)")
    p.add_argument("--warmup", type=float, default=2.0, help="seconds of untimed training first (default 2)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--data", type=pathlib.Path, default=default_data, help="folder of MNIST's gzip IDX files")
    a = p.parse_args()
    if a.threads < 1 or a.torch_threads < 1 or a.batch < 1 or a.batches < 2 or a.repeats < 1 or a.warmup < 0:
        p.error("--threads, --torch-threads, --batch ≥ 1, --batches ≥ 2, --repeats ≥ 1 and --warmup ≥ 0 please")
    return a


def read_idx(path, rank):
    """An IDX file's unsigned bytes (magic 0x0000080R, then R big-endian sizes), as a NumPy array."""
    import numpy as np

    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    if magic != 0x800 + rank:
        raise SystemExit(f"{path}: expected an IDX file of unsigned bytes of rank {rank}, got magic {magic:#x}")
    shape = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def flops_per_sample():
    """As BenchCommand counts: per dense layer, 2 × in × out for the forward product and for the
    weight gradient, and for the input gradient except at the first layer."""
    pairs = list(zip(LAYERS, LAYERS[1:]))
    return sum(2 * i * o * (2 if k == 0 else 3) for k, (i, o) in enumerate(pairs))


def blas_library():
    """The BLAS shared library this process has mapped, read from /proc/self/maps once torch has
    run a product; None where there is none to see (a BLAS linked into torch, or no /proc)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if len(line.split()) >= 6}
    except OSError:
        return None
    for path in sorted(paths):
        name = os.path.basename(path)
        if "blas" in name or "mkl" in name:
            return path
    return None


def require_tuned_blas(path):
    """Debian's python3-torch calls whichever libblas.so.3 the system selects. Without OpenBLAS
    that is the reference BLAS, tens of times slower: a comparison with it would mean nothing."""
    if path is not None and "openblas" not in path and os.path.basename(os.path.dirname(path)) == "blas":
        raise SystemExit(f"bench/pytorch_w1.py: PyTorch's products run in the reference BLAS ({path}), tens of"
                         " times slower than a tuned one, so the comparison would mean nothing. Install OpenBLAS"
                         " (Debian: apt-get install libopenblas0-pthread) and run again.")


def main():
    a = arguments()
    # Before torch loads its BLAS, which reads these once.
    os.environ["OPENBLAS_NUM_THREADS"] = str(a.threads)
    os.environ["MKL_NUM_THREADS"] = str(a.threads)
    import torch

    torch.set_num_threads(a.torch_threads)
    torch.ones(2, 2) @ torch.ones(2, 2)  # loads the BLAS, so that it shows in the process's maps
    blas = blas_library()
    require_tuned_blas(blas)
    torch.manual_seed(a.seed)
    images = torch.from_numpy(read_idx(a.data / "train-images-idx3-ubyte.gz", 3).reshape(-1, LAYERS[0]).copy())
    labels = torch.from_numpy(read_idx(a.data / "train-labels-idx1-ubyte.gz", 1).astype("int64"))
    samples = a.batches * a.batch
    if samples > len(images):
        raise SystemExit(f"--batches × --batch must fit in the {len(images)} training images")

    layers = []
    for k, (n_in, n_out) in enumerate(zip(LAYERS, LAYERS[1:])):
        if k > 0:
            layers.append(torch.nn.ReLU())
        layers.append(torch.nn.Linear(n_in, n_out))
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM)
    loss_fn = torch.nn.CrossEntropyLoss()
    shuffle = torch.Generator().manual_seed(a.seed)
    scale = 1.0 / 255.0

    def train(start, on_batch):
        """One pass over a shuffle of the slice [start, start + samples); the last loss."""
        order = torch.randperm(samples, generator=shuffle) + start
        loss = None
        for b in range(a.batches):
            index = order[b * a.batch:(b + 1) * a.batch]
            x = images.index_select(0, index).float().mul_(scale)
            y = labels.index_select(0, index)
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            on_batch()
        return loss.item()

    warm_end = time.perf_counter() + a.warmup
    while time.perf_counter() < warm_end:
        train(0, lambda: None)

    rates = []
    cpu = wall = 0.0
    loss = float("nan")
    for r in range(a.repeats):
        start = (r * samples) % (len(images) - samples + 1)  # as the bench slices
        stamps = []  # (wall, CPU) at the end of each batch
        loss = train(start, lambda: stamps.append((time.perf_counter(), time.process_time())))
        (wall_first, cpu_first), (wall_last, cpu_last) = stamps[0], stamps[-1]
        wall += wall_last - wall_first
        cpu += cpu_last - cpu_first
        rates.append((len(stamps) - 1) * a.batch / (wall_last - wall_first))

    median = statistics.median(rates)
    flops = flops_per_sample()
    print(json.dumps({
        "framework": "pytorch",
        "torch": torch.__version__,
        "layers": "-".join(str(n) + ("-relu" if 0 < k < len(LAYERS) - 1 else "") for k, n in enumerate(LAYERS)),
        "batch": a.batch,
        "threads": a.threads,
        "torch_threads": a.torch_threads,
        "blas": blas,
        "optimizer": "momentum",
        "learning_rate": LEARNING_RATE,
        "batches": a.batches,
        "warmup_seconds": a.warmup,
        "samples_per_second": round(median),
        "samples_per_second_runs": [round(r) for r in rates],
        "epoch_seconds": round(60_000 / median, 3),
        "gflops": round(median * flops / 1e9, 1),
        "flops_per_sample": flops,
        "cpu_per_wall": round(cpu / wall, 2),
        "final_loss": round(loss, 4),
    }), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Independent float64 reference for dev.glassbox.train.GoldenTest.

A tiny network, 5-4-relu-3-tanh-3, with softmax cross-entropy, written from the formulas in the
Java class docs (nn/Dense, nn/Activation, loss/SoftmaxCrossEntropy, optim/Sgd, optim/Adam) and
sharing no code with them. Starting from the weights in golden-input.json it runs three full-batch
steps for each optimizer run listed there (Adam, AdamW, SGD with momentum) and records, per run,
the loss of every step, the weights after step 1 and after the last step, plus the logits and
every gradient of step 1 (the same for all runs, since they start from the same weights).

Conventions that must match the Java code:
  * weights are (out, in) as in PyTorch: Y = X·Wᵀ + b;
  * the loss is the mean over the batch of −log softmax(z)[label]; ∂loss/∂z = (p − onehot)/batch;
  * weight decay (λ) applies to weights, never biases: L2 (g += λw) for SGD/momentum/Adam,
    decoupled for AdamW (w ← w·(1 − ηλ) before the Adam update);
  * momentum (PyTorch form): v = μv + g; w −= ηv;
  * Adam: m = β₁m + (1 − β₁)g; v = β₂v + (1 − β₂)g²;
          w −= η · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)   — ε outside the square root;
  * every input number is a float32 value, and hyperparameters are used at their float32 values
    (0.9f is 0.89999997615…), which is what the Java code sees; the arithmetic here is float64.

Regenerate (Python 3 and NumPy only), from this directory:
    python3 reference.py              # reads golden-input.json, writes golden-input.txt,
                                      # golden-output.json and golden-output.txt
    python3 reference.py --new-input  # first draws new inputs (seed below) into golden-input.json
The .txt files carry the same numbers as the .json files in a format trivial to read from Java:
one item per line, "name rows cols v1 v2 …" (row-major) or "name = text"; '#' starts a comment.
"""

import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
INPUT_JSON = os.path.join(HERE, "golden-input.json")
SEED = 20240607
SPEC = "5-4-relu-3-tanh-3"
# (name, shape) in the Java network's parameter order: layers.<step index>.weight/bias
PARAMETERS = [
    ("layers.0.weight", (4, 5)), ("layers.0.bias", (1, 4)),
    ("layers.2.weight", (3, 4)), ("layers.2.bias", (1, 3)),
    ("layers.4.weight", (3, 3)), ("layers.4.bias", (1, 3)),
]
BATCH = 4
STEPS = 3
RUNS = [
    {"name": "adam", "optimizer": "adam", "learning_rate": 0.01, "beta1": 0.9, "beta2": 0.999,
     "epsilon": 1e-8, "weight_decay": 0.0},
    {"name": "adamw", "optimizer": "adamw", "learning_rate": 0.01, "beta1": 0.9, "beta2": 0.999,
     "epsilon": 1e-8, "weight_decay": 0.1},
    {"name": "momentum", "optimizer": "momentum", "learning_rate": 0.1, "momentum": 0.9,
     "weight_decay": 0.01},
]


def f32(value):
    """The float64 equal to the float32 nearest to value: what Java's (float) cast holds."""
    return float(np.float32(value))


def new_input():
    rng = np.random.default_rng(SEED)
    x = rng.uniform(-1, 1, size=(BATCH, 5)).astype(np.float32)
    labels = rng.integers(0, 3, size=BATCH)
    parameters = {}
    for name, shape in PARAMETERS:
        scale = 0.8 if name.endswith("weight") else 0.2
        parameters[name] = rng.uniform(-scale, scale, size=shape).astype(np.float32)
    return {
        "spec": SPEC,
        "seed": SEED,
        "x": x.astype(np.float64).tolist(),
        "labels": [int(v) for v in labels],
        "parameters": {k: v.astype(np.float64).tolist() for k, v in parameters.items()},
        "runs": RUNS,
        "steps": STEPS,
    }


def forward_backward(x, labels, w):
    """Loss, logits, gradients (dict like w) and the smallest |pre-ReLU value| (kink distance)."""
    h0 = x @ w["layers.0.weight"].T + w["layers.0.bias"]
    a1 = np.maximum(h0, 0)
    h2 = a1 @ w["layers.2.weight"].T + w["layers.2.bias"]
    a3 = np.tanh(h2)
    z = a3 @ w["layers.4.weight"].T + w["layers.4.bias"]

    batch = x.shape[0]
    zmax = z.max(axis=1, keepdims=True)
    e = np.exp(z - zmax)
    p = e / e.sum(axis=1, keepdims=True)
    loss = float(np.mean(np.log(e.sum(axis=1)) + zmax[:, 0] - z[np.arange(batch), labels]))
    onehot = np.zeros_like(z)
    onehot[np.arange(batch), labels] = 1

    dz = (p - onehot) / batch
    g = {"layers.4.weight": dz.T @ a3, "layers.4.bias": dz.sum(axis=0, keepdims=True)}
    dh2 = (dz @ w["layers.4.weight"]) * (1 - a3 * a3)
    g["layers.2.weight"] = dh2.T @ a1
    g["layers.2.bias"] = dh2.sum(axis=0, keepdims=True)
    dh0 = (dh2 @ w["layers.2.weight"]) * (h0 > 0)
    g["layers.0.weight"] = dh0.T @ x
    g["layers.0.bias"] = dh0.sum(axis=0, keepdims=True)
    return loss, z, g, float(np.abs(h0).min())


class Momentum:
    def __init__(self, run):
        self.lr = f32(run["learning_rate"])
        self.mu = f32(run["momentum"])
        self.decay = f32(run["weight_decay"])
        self.v = {}

    def step(self, w, g):
        for name in w:
            decay = self.decay if name.endswith("weight") else 0.0
            grad = g[name] + decay * w[name]
            self.v[name] = self.mu * self.v.get(name, 0.0) + grad
            w[name] = w[name] - self.lr * self.v[name]


class Adam:
    def __init__(self, run):
        self.lr = f32(run["learning_rate"])
        self.b1 = f32(run["beta1"])
        self.b2 = f32(run["beta2"])
        self.eps = f32(run["epsilon"])
        self.decay = f32(run["weight_decay"])
        self.decoupled = run["optimizer"] == "adamw"
        self.m, self.v, self.t = {}, {}, 0

    def step(self, w, g):
        self.t += 1
        c1 = 1 - self.b1 ** self.t
        c2 = 1 - self.b2 ** self.t
        for name in w:
            decay = self.decay if name.endswith("weight") else 0.0
            l2 = 0.0 if self.decoupled else decay
            shrink = 1 - self.lr * decay if self.decoupled else 1.0
            grad = g[name] + l2 * w[name]
            self.m[name] = self.b1 * self.m.get(name, 0.0) + (1 - self.b1) * grad
            self.v[name] = self.b2 * self.v.get(name, 0.0) + (1 - self.b2) * grad * grad
            m_hat = self.m[name] / c1
            v_hat = self.v[name] / c2
            w[name] = w[name] * shrink - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


def check_gradients(x, labels, w, h=1e-6):
    """Self-check of the hand-written backward pass: centered differences of the loss in float64."""
    _, _, g, _ = forward_backward(x, labels, w)
    for name, value in w.items():
        numeric = np.zeros_like(value)
        for i in np.ndindex(value.shape):
            original = value[i]
            value[i] = original + h
            plus = forward_backward(x, labels, w)[0]
            value[i] = original - h
            minus = forward_backward(x, labels, w)[0]
            value[i] = original
            numeric[i] = (plus - minus) / (2 * h)
        error = np.abs(numeric - g[name]).max()
        assert error < 1e-8, f"{name}: analytic gradient differs from finite differences by {error}"


def run_all(inp):
    x = np.array(inp["x"], dtype=np.float64)
    labels = np.array(inp["labels"])
    start = {k: np.array(v, dtype=np.float64) for k, v in inp["parameters"].items()}
    out = {"spec": inp["spec"]}
    check_gradients(x, labels, {k: v.copy() for k, v in start.items()})

    loss, z, g, _ = forward_backward(x, labels, start)
    out["step1.logits"] = z
    for name, _ in PARAMETERS:
        out["step1.grad." + name] = g[name]

    for run in inp["runs"]:
        w = {k: v.copy() for k, v in start.items()}
        optimizer = Adam(run) if run["optimizer"] in ("adam", "adamw") else Momentum(run)
        losses = []
        for step in range(1, inp["steps"] + 1):
            loss, z, g, margin = forward_backward(x, labels, w)
            # Guards that keep float32 (Java) and float64 (here) on the same side of every
            # discontinuity: no pre-activation near the ReLU kink, no gradient so tiny that
            # rounding could flip Adam's normalised step.
            assert margin > 1e-3, f"{run['name']} step {step}: a ReLU input is {margin} from 0"
            for name, grad in g.items():
                tiny = np.abs(grad)[(grad != 0)]
                assert tiny.size == 0 or tiny.min() > 1e-5, f"{name}: gradient {tiny.min()} too close to 0"
            losses.append(loss)
            optimizer.step(w, g)
            if step == 1:
                for name, _ in PARAMETERS:
                    out[f"{run['name']}.step1.{name}"] = w[name].copy()
        out[run["name"] + ".loss"] = np.array([losses])
        for name, _ in PARAMETERS:
            out[f"{run['name']}.final.{name}"] = w[name]
    return out


def as_matrix(value):
    a = np.asarray(value, dtype=np.float64)
    if a.ndim == 1:
        a = a.reshape(1, -1)
    return a


def write_text(path, header, items):
    with open(path, "w") as f:
        f.write("# " + header + "\n# Generated by reference.py; see its docstring. name rows cols values… | name = text\n")
        for name, value in items:
            if isinstance(value, str):
                f.write(f"{name} = {value}\n")
            else:
                a = as_matrix(value)
                f.write(f"{name} {a.shape[0]} {a.shape[1]} " + " ".join(repr(float(v)) for v in a.ravel()) + "\n")


def main():
    if "--new-input" in sys.argv:
        with open(INPUT_JSON, "w") as f:
            json.dump(new_input(), f, indent=1)
            f.write("\n")
    with open(INPUT_JSON) as f:
        inp = json.load(f)

    items = [("spec", inp["spec"]), ("steps", [inp["steps"]]), ("x", inp["x"]), ("labels", inp["labels"])]
    items += [(name, inp["parameters"][name]) for name, _ in PARAMETERS]
    for run in inp["runs"]:
        for key in ("learning_rate", "momentum", "beta1", "beta2", "epsilon", "weight_decay"):
            if key in run:
                items.append((f"{run['name']}.{key}", [run[key]]))
        items.append((f"{run['name']}.optimizer", run["optimizer"]))
    items.append(("runs", " ".join(run["name"] for run in inp["runs"])))
    write_text(os.path.join(HERE, "golden-input.txt"), "Inputs of the golden test (from golden-input.json)", items)

    out = run_all(inp)
    with open(os.path.join(HERE, "golden-output.json"), "w") as f:
        json.dump({k: (v if isinstance(v, str) else as_matrix(v).tolist()) for k, v in out.items()}, f, indent=1)
        f.write("\n")
    write_text(os.path.join(HERE, "golden-output.txt"), "float64 reference results of the golden test",
               list(out.items()))


if __name__ == "__main__":
    main()

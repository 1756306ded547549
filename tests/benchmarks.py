"""Speed of the propagation package: medians and ratios measured in one run (`make bench`).

Not a pytest module and never run by `make test`: timings on a shared machine drift, so nothing in
the test suite asserts a time. This script times the work and what it is compared with in turn,
interleaved in the same run, and judges only the ratios. Each target prints one line with the
ratio, the target and PASS or FAIL; the exit status is 1 when a target is missed.

PyTorch is optional (`pip install torch==2.13.0`); without it the torch ratios are skipped.
"""

from __future__ import annotations

import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

import propagation as pp

ROOT = Path(__file__).resolve().parent.parent
SIZES = (784, 128, 64, 10)  # the MNIST-shaped network of target 1 and 2
M = 10_000

NO_TORCH = "PyTorch not installed: torch ratios skipped (pip install torch==2.13.0)"
try:
    import torch
    import torch.nn.functional as F
except ImportError:
    torch = None


# --- timing ------------------------------------------------------------------------------------


def interleaved(
    work: dict[str, Callable[[], object]],
    repeats: int,
    warmup: int = 3,
    calls: int = 1,
    settle: float = 0.0,
) -> dict[str, float]:
    """Return the median seconds per call of each function, timed in turn within each repeat.

    Taking turns (in a rotating order) exposes every function to the same drift of a shared
    machine, so the ratio of two medians stays meaningful when the absolute times do not.
    `calls` calls are timed together and divided, for functions too fast to time one by one.
    With `settle`, each timing is preceded by that many seconds of sleep and one untimed call.
    The sleep lets another library's idle worker threads stop spinning (OpenBLAS spins for about
    0.1 s after a product), so numpy and torch, each with its own thread pool, do not slow each
    other down when they take turns; the untimed call absorbs what the pause cost (memory the
    system took back meanwhile), so both are timed as in a loop that runs them back to back.
    """
    names = list(work)
    for _ in range(warmup):
        for name in names:
            work[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    gc.collect()
    gc.disable()  # as timeit does: a collection inside one sample is noise, not the code's cost
    try:
        for r in range(repeats):
            for name in names[r % len(names) :] + names[: r % len(names)]:
                f = work[name]
                if settle:
                    time.sleep(settle)
                    f()
                start = time.perf_counter()
                for _ in range(calls):
                    f()
                times[name].append((time.perf_counter() - start) / calls)
    finally:
        gc.enable()
    return {name: statistics.median(t) for name, t in times.items()}


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms"


def us(seconds: float) -> str:
    return f"{seconds * 1e6:.1f} us"


class Report:
    """Collect one line per target, with its ratio and verdict."""

    def __init__(self) -> None:
        self.missed: list[str] = []

    def ratio(self, label: str, ratio: float, target: str, ok: bool, detail: str = "") -> None:
        verdict = "PASS" if ok else "FAIL"
        if not ok:
            self.missed.append(label)
        print(f"{verdict}  {label}: {ratio:.2f}x (target {target})")
        if detail:
            print(f"      {detail}")

    def check(self, label: str, ok: bool, detail: str) -> None:
        verdict = "PASS" if ok else "FAIL"
        if not ok:
            self.missed.append(label)
        print(f"{verdict}  {label}: {detail}")

    @staticmethod
    def skip(label: str, why: str) -> None:
        print(f"SKIP  {label}: {why}")


# --- the environment ---------------------------------------------------------------------------


def environment() -> None:
    """Print what the timings depend on: versions, BLAS and its threads, CPUs."""
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"CPUs: {os.cpu_count()} (usable by this process: {cpus})")
    print(f"OPENBLAS_CORETYPE: {os.environ.get('OPENBLAS_CORETYPE', 'not set')}")
    print(f"numpy {np.__version__}; BLAS: {blas_summary()}")
    if torch is None:
        print("torch: not installed")
    else:
        blas = "MKL" if torch.backends.mkl.is_available() else "no MKL"
        print(
            f"torch {torch.__version__} ({blas}); threads {torch.get_num_threads()}, "
            f"interop threads {torch.get_num_interop_threads()}"
        )


def blas_summary() -> str:
    """Return numpy's BLAS at run time (threadpoolctl), or as built (np.show_config)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        pass
    else:
        # numpy's own BLAS: the one loaded from numpy's folder (torch's OpenMP is listed too)
        pools = [
            p
            for p in threadpool_info()
            if p.get("user_api") == "blas" and "numpy" in str(p.get("filepath"))
        ]
        if pools:
            return "; ".join(
                f"{p.get('internal_api')} {p.get('version')} ({p.get('architecture')}), "
                f"{p.get('num_threads')} threads [threadpoolctl]"
                for p in pools
            )
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    except Exception as error:  # older numpy: no dicts mode
        return f"unknown ({error})"
    config = " ".join(str(blas.get("openblas configuration", "")).split())
    return f"{blas.get('name')} {blas.get('version')} {config} [np.show_config: as built]".strip()


# --- the work: one batch of the MNIST-shaped network -------------------------------------------


def batch() -> tuple[pp.Network, np.ndarray, np.ndarray]:
    """Return a seeded 784-128-64-10 sigmoid network, X in [0, 1] and one-hot labels Y."""
    rng = np.random.default_rng(2024)
    net = pp.Network.random(SIZES, seed=rng)
    X = rng.uniform(0.0, 1.0, size=(M, SIZES[0]))
    Y = np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], size=M)]
    return net, X, Y


def bare_products(
    net: pp.Network, bwd: pp.Backward, convert: Callable = np.asarray
) -> dict[str, Callable[[], object]]:
    """Return the eight matrix products of one backward pass, back to back, in two layouts.

    Forward: z(l+1) from a(l) and Θ(l)[:, 1:] (3 products); backward: δ(l) from δ(l+1) and
    Θ(l)[:, 1:] (2); gradients: δ(l+1)ᵀ a(l) (3). The operands are the pass's own arrays, passed
    through `convert` (`torch.tensor` times the same products in torch). "rows" writes the
    products with examples in rows, a(l) Θ(l)[:, 1:]ᵀ; "columns" writes the same products with
    examples in columns, Θ(l)[:, 1:] a(l)ᵀ, as the course does. Same numbers, same shapes of
    result; the BLAS may run one faster than the other.
    """
    L = net.L
    W = [convert(net.theta(l)[:, 1:]) for l in range(1, L)]  # W[l - 1]: Θ(l) without column 0
    a = [convert(bwd.forward.a(l)) for l in range(1, L)]  # a[l - 1] is a(l), l = 1 .. L-1
    d = [convert(bwd.delta(l)) for l in range(2, L + 1)]  # d[l - 2] is δ(l), l = 2 .. L

    def rows() -> None:
        for l in range(1, L):
            a[l - 1] @ W[l - 1].T
        for l in range(L - 1, 1, -1):
            d[l - 1] @ W[l - 1]
        for l in range(1, L):
            d[l - 1].T @ a[l - 1]

    def columns() -> None:  # each result is the transpose of the one above, a free view
        for l in range(1, L):
            W[l - 1] @ a[l - 1].T
        for l in range(L - 1, 1, -1):
            W[l - 1].T @ d[l - 1].T
        for l in range(1, L):
            d[l - 1].T @ a[l - 1]

    return {"rows": rows, "columns": columns}


def torch_step(net: pp.Network, X: np.ndarray, Y: np.ndarray) -> tuple[Callable[[], object], list]:
    """Return a function running the same pass with torch autograd, and its weight parameters.

    Linear layers with bias, sigmoid hidden units, and the course's logistic cost: binary cross
    entropy on the output's z, summed over the K outputs and averaged over the m examples. Each
    call clears the gradients, runs forward and `loss.backward()`.
    """
    W = [torch.tensor(net.theta(l)[:, 1:], requires_grad=True) for l in range(1, net.L)]
    b = [torch.tensor(net.theta(l)[:, 0], requires_grad=True) for l in range(1, net.L)]
    Xt, Yt = torch.tensor(X), torch.tensor(Y)
    m = X.shape[0] if X.ndim == 2 else 1

    def step() -> object:
        for p in (*W, *b):
            p.grad = None
        a = Xt
        for l in range(1, net.L):
            z = F.linear(a, W[l - 1], b[l - 1])
            a = torch.sigmoid(z) if l < net.L - 1 else z  # the output's z goes to the cost
        loss = F.binary_cross_entropy_with_logits(a, Yt, reduction="sum") / m
        loss.backward()
        return loss

    return step, W


def same_gradients(ours: pp.Backward, step: Callable[[], object], W: list) -> float:
    """Return the largest difference between our weight gradients and torch's."""
    step()
    return max(
        float(np.abs(ours.grad(l)[:, 1:] - W[l - 1].grad.numpy()).max())
        for l in range(1, len(W) + 1)
    )


# --- the targets -------------------------------------------------------------------------------


def target_products(report: Report) -> None:
    net, X, Y = batch()
    bwd = net.backward(X, Y)
    products = bare_products(net, bwd)
    times = interleaved({"backward": lambda: net.backward(X, Y), **products}, repeats=25)
    baseline = min(times["rows"], times["columns"])
    report.ratio(
        "1. net.backward / its bare matrix products (784-128-64-10, m = 10,000, float64)",
        times["backward"] / baseline,
        "<= 1.25x",
        times["backward"] / baseline <= 1.25,
        f"backward {ms(times['backward'])}; the 8 products {ms(baseline)} (examples in rows "
        f"{ms(times['rows'])}, in columns {ms(times['columns'])}; the faster is the baseline)",
    )


def target_torch_batch(report: Report) -> None:
    label = "2. torch autograd / net.backward, same batch (784-128-64-10, m = 10,000, float64)"
    if torch is None:
        report.skip(label, NO_TORCH)
        return
    net, X, Y = batch()
    step, W = torch_step(net, X, Y)
    ours = net.backward(X, Y)
    diff = same_gradients(ours, step, W)
    # The same 8 products, bare, in numpy and in torch: what each pass would cost with nothing
    # but its products (each library in its faster layout).
    products = {
        f"{library} {layout}": f
        for library, convert in (("numpy", np.asarray), ("torch", torch.tensor))
        for layout, f in bare_products(net, ours, convert).items()
    }
    times = interleaved(
        {"ours": lambda: net.backward(X, Y), "torch": step, **products}, repeats=21, settle=0.15
    )
    bare = {
        library: min(times[f"{library} rows"], times[f"{library} columns"])
        for library in ("numpy", "torch")
    }
    ratio = times["torch"] / times["ours"]
    report.ratio(
        label,
        ratio,
        ">= 1.3x",
        ratio >= 1.3,
        f"net.backward {ms(times['ours'])}, torch {ms(times['torch'])}; "
        f"gradients agree to {diff:.1e}\n"
        f"      the 8 products alone: numpy {ms(bare['numpy'])}, torch {ms(bare['torch'])}; "
        f"1.3x needs net.backward <= {ms(times['torch'] / 1.3)}",
    )


def target_torch_lecture(report: Report) -> None:
    label = "3. torch autograd / net.backward, the lecture's 2-2-2-1 network, one example"
    if torch is None:
        report.skip(label, NO_TORCH)
        return
    ex = pp.lecture_example()
    net, x, y = ex.network, ex.x, ex.y
    step, W = torch_step(net, x, np.array([y]))
    diff = same_gradients(net.backward(x, y), step, W)
    times = interleaved(
        {"ours": lambda: net.backward(x, y), "torch": step}, repeats=30, warmup=50, calls=200
    )
    ratio = times["torch"] / times["ours"]
    report.ratio(
        label,
        ratio,
        ">= 2.5x",
        ratio >= 2.5,
        f"net.backward {us(times['ours'])}, torch {us(times['torch'])}; "
        f"gradients agree to {diff:.1e}",
    )


def target_import(report: Report) -> None:
    code = "import sys, propagation; print('matplotlib' in sys.modules)"
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    answer = run.stdout.strip()
    report.check(
        "4. `import propagation` leaves matplotlib unimported",
        run.returncode == 0 and answer == "False",
        f"matplotlib in sys.modules after the import: {answer or run.stderr.strip()[-300:]}",
    )


def mkdocs_build(project: Path, into: Path) -> float:
    """Return the seconds `mkdocs build --strict` takes for `project`; raise if it fails."""
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(into)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        raise RuntimeError(f"mkdocs build of {project} failed: {run.stderr.strip()[-500:]}")
    return seconds


def target_site(report: Report) -> None:
    label = "5. mkdocs build --strict of this site / an empty mkdocs-material site"
    if not (ROOT / "mkdocs.yml").exists():
        report.skip(label, "no mkdocs.yml in the repository yet")
        return
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        (empty / "docs").mkdir(parents=True)
        (empty / "mkdocs.yml").write_text("site_name: x\ntheme: material\n")
        (empty / "docs" / "index.md").write_text("# x\n")
        builds: dict[str, list[float]] = {"site": [], "empty": []}
        try:
            for _ in range(3):  # in turn, so both see the same machine
                out = Path(tmp) / "out"
                builds["empty"].append(mkdocs_build(empty, out))
                shutil.rmtree(out, ignore_errors=True)
                builds["site"].append(mkdocs_build(ROOT, out))
                shutil.rmtree(out, ignore_errors=True)
        except RuntimeError as error:
            report.check(label, False, str(error))
            return
    site, bare = statistics.median(builds["site"]), statistics.median(builds["empty"])
    report.ratio(
        label,
        site / bare,
        "<= 4x",
        site / bare <= 4,
        f"this site {site:.2f} s, empty site {bare:.2f} s (medians of 3 builds each)",
    )


def main() -> int:
    environment()
    print()
    report = Report()
    target_products(report)
    target_torch_batch(report)
    target_torch_lecture(report)
    target_import(report)
    target_site(report)
    print()
    if report.missed:
        print(f"{len(report.missed)} target(s) missed")
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())

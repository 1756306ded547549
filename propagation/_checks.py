# Input checks shared by the package: each error names what is wrong and what was expected.
"""Validation of weights, examples, labels and layer numbers."""

from __future__ import annotations

import math

import numpy as np


def numeric_array(value: object, name: str, finite: bool = True) -> np.ndarray:
    """Return `value` as an ndarray of numbers, refusing text, objects, complex and non-finite values.

    With `finite=False` the caller takes over the check for nan and inf.
    """
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged nested lists, for example
        raise TypeError(f"{name} must be an array of numbers; {error}") from None
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must hold real numbers; got an array of dtype {array.dtype} "
            f"(expected int or float)"
        )
    # A sum is finite only if every entry is (nan and inf carry through it), and summing is
    # cheaper than np.isfinite, which writes a boolean per entry: only a non-finite sum (or one
    # that overflowed) needs the full search.
    if finite and array.dtype.kind == "f" and not math.isfinite(array.sum()):
        refuse_non_finite(array, name)
    return array


def refuse_non_finite(array: np.ndarray, name: str) -> None:
    """Raise ValueError naming the first nan or inf in `array` and its index, if there is one."""
    found = np.argwhere(~np.isfinite(array))
    if len(found):
        bad = found[0]
        where = f" at index {tuple(int(i) for i in bad)}" if array.ndim else ""
        raise ValueError(
            f"{name} must be finite; found {array[tuple(bad)]}{where} (expected no nan or inf)"
        )


def examples(X: object, n: int, dtype: np.dtype, finite: bool = True) -> tuple[np.ndarray, bool]:
    """Return X as an `(m, n)` array of `dtype`, and whether it was a single `(n,)` example.

    The array is the caller's own when it already has `dtype` (no copy). With `finite=False`
    nan and inf are left for the caller to find: the forward pass finds them more cheaply.
    """
    X = numeric_array(X, "X", finite)
    if X.ndim == 1:
        if X.shape[0] != n:
            raise ValueError(
                f"X of shape {X.shape} is one example with {X.shape[0]} features, but the input "
                f"layer has n = s_1 = {n} units; pass shape ({n},) for one example or (m, {n}) "
                f"for m examples"
            )
        return X.astype(dtype, copy=False)[np.newaxis, :], True
    if X.ndim != 2 or X.shape[1] != n:
        raise ValueError(
            f"X must have shape ({n},) for one example or (m, {n}) for a batch of m examples "
            f"(n = s_1 = {n} input units); got shape {X.shape}"
        )
    if X.shape[0] == 0:
        raise ValueError(f"X is an empty batch of shape {X.shape}; expected at least one example")
    return X.astype(dtype, copy=False), False


def labels(Y: object, m: int, K: int, single: bool, dtype: np.dtype, cost: str) -> np.ndarray:
    """Return Y as an `(m, K)` array of `dtype`, checking its shape against X's and the output layer."""
    # For the logistic cost, the check that labels lie in [0, 1] finds nan and inf too
    Y = given = numeric_array(Y, "Y", finite=cost != "logistic")
    if single:
        expected = "a scalar or shape (1,)" if K == 1 else f"shape ({K},)"
        if Y.size != K or Y.ndim > 1 or (Y.ndim == 0 and K != 1):
            raise ValueError(
                f"Y for one example must be {expected} (K = s_L = {K} output units); "
                f"got shape {Y.shape}"
            )
    else:
        expected = f"shape ({m},) or ({m}, 1)" if K == 1 else f"shape ({m}, {K})"
        good = Y.shape == (m, K) or (K == 1 and Y.shape == (m,))
        if not good:
            raise ValueError(
                f"Y for a batch of m = {m} examples and K = s_L = {K} output units must have "
                f"{expected}; got shape {Y.shape}"
            )
    Y = Y.astype(dtype, copy=False).reshape(m, K)
    if cost == "logistic" and not (Y.min() >= 0 and Y.max() <= 1):  # both False for a nan
        refuse_non_finite(given, "Y")  # indexed as the caller gave Y
        raise ValueError(
            f"logistic cost needs labels in [0, 1]; Y holds values from {Y.min()} to {Y.max()}"
        )
    return Y


def regularisation(lam: object) -> float:
    """Return λ as a float, refusing negative or non-finite values."""
    if isinstance(lam, (bool, np.bool_)) or not isinstance(lam, (int, float, np.number)):
        raise TypeError(f"lam must be a real number >= 0; got {lam!r}")
    lam = float(lam)
    if not math.isfinite(lam) or lam < 0:
        raise ValueError(f"lam (the regularisation λ) must be a finite number >= 0; got {lam}")
    return lam


def layer(l: object, first: int, last: int, what: str) -> int:
    """Return the course's layer number `l`, checked to lie in `first..last` for `what`."""
    if isinstance(l, (bool, np.bool_)) or not isinstance(l, (int, np.integer)):
        raise TypeError(f"the layer number for {what} must be an int; got {l!r}")
    if not first <= l <= last:
        raise ValueError(
            f"layer {l} is out of range for {what}: layers are numbered from 1 as in the course, "
            f"and {what} exists for l = {first} .. {last}"
        )
    return int(l)

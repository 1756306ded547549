"""Tests for propagation.measures: each measurement on a case worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

import propagation as pp
from propagation import measures


def test_max_abs_difference():
    """Assert max_abs_difference is the largest |a - b| over all arrays."""
    a = [np.array([1.0, 2.0]), np.array([[0.0]])]
    b = [np.array([1.5, 2.0]), np.array([[-2.0]])]
    assert measures.max_abs_difference(a, b) == 2.0


def test_median_seconds_is_the_median(monkeypatch):
    """Assert median_seconds returns the median of the measured durations."""
    ticks = iter([0.0, 1.0, 1.0, 4.0, 4.0, 6.0])  # durations 1, 3, 2
    monkeypatch.setattr(measures.time, "perf_counter", lambda: next(ticks))
    calls = []
    assert measures.median_seconds(lambda: calls.append(1), repeats=3) == 2.0
    assert len(calls) == 3
    with pytest.raises(ValueError, match="repeats"):
        measures.median_seconds(lambda: None, repeats=0)


def test_accuracy_counts_sides_of_one_half():
    """Assert accuracy of h = g(10 x1 - 5) on three points is 2/3."""
    net = pp.Network([np.array([[-5.0, 10.0, 0.0]])])
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    assert measures.accuracy(net, X, np.array([0.0, 1.0, 1.0])) == pytest.approx(2 / 3)


def test_steps_until():
    """Assert steps_until finds the first cost below the level, or None."""
    assert measures.steps_until([0.7, 0.69, 0.4, 0.1], 0.5) == 2
    assert measures.steps_until([0.7, 0.69], 0.5) is None

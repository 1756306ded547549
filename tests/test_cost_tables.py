"""Tests for propagation.cost_tables: each table's rows against the values it tabulates."""

from __future__ import annotations

import pytest

import propagation as pp
from propagation import cost_tables, datasets, intuition, tables


@pytest.fixture
def ex():
    return pp.lecture_example()


def test_output_cost_and_regularisation_tables(ex):
    """Assert the K = 2 cost table has a row per output and the λ table a row per Θ with its sum."""
    net, x, y = datasets.two_output_example()
    text = cost_tables.output_cost_table(net, x, y)
    assert len(text.strip().splitlines()) == 4
    terms = intuition.logistic_cost(net.forward(x).output, y)
    assert all(tables.fmt(t) in text for t in terms)
    reg = cost_tables.regularisation_table(ex.network)
    assert len(reg.strip().splitlines()) == 5
    assert tables.fmt(0.87) in reg


def test_sign_step_table_reports_the_three_steps(ex):
    """Assert the sign table shows the cost before and the three costs after, in order."""
    step = intuition.sign_step(ex.network, ex.x, ex.y, alpha=1.0)
    text = cost_tables.sign_step_table(step)
    rows = text.strip().splitlines()
    assert f"before: {tables.fmt(step.before)}" in rows[0]
    after = [r.strip("| ").rsplit("|", 1)[1].strip() for r in rows[2:]]
    assert after == [tables.fmt(step.descend), tables.fmt(step.wrong), tables.fmt(step.climb)]

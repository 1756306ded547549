"""Tests for propagation.listing: a function's source shown without its docstring."""

from __future__ import annotations

from propagation import intuition, listing, measures


def test_source_code_drops_only_the_docstring():
    """Assert the shown source keeps the signature, the body and comments, and drops the docstring."""
    text = listing.source_code(intuition.loop_gradients)
    assert text.startswith("def loop_gradients(")
    assert '"""' not in text and "Parameters:" not in text
    assert "# this example alone" in text and text.rstrip().endswith("for total in Delta]")
    one_line = listing.source_code(measures.steps_until)
    assert one_line.count("\n") == 2 and "return next(" in one_line

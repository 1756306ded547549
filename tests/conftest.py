"""Shared test settings: hypothesis profiles, derandomised on CI so a run cannot flake."""

import os

from hypothesis import HealthCheck, settings

# "ci": the same examples on every run (CI=true is set by .ci/run); "dev": fresh examples each
# run, to keep looking for counterexamples locally. Neither has a deadline: the first call of a
# numpy routine can be slow for reasons that have nothing to do with the code under test.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=60)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

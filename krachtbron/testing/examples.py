"""How many examples a property test asks Hypothesis for.

``examples(n) -> int``: ``n`` in ``make test``; five times ``n`` in ``make test-long``, which sets
``HYPOTHESIS_PROFILE=long`` (conftest.py). A test that names its own ``max_examples`` passes it
through here, since a test's own settings win over the profile's.
"""

import os

LONG_FACTOR = 5


def examples(n: int) -> int:
    """``n`` examples, or ``LONG_FACTOR`` times ``n`` in the long run."""
    return n * LONG_FACTOR if os.environ.get("HYPOTHESIS_PROFILE") == "long" else n

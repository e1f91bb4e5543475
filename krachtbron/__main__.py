"""``python -m krachtbron``: the same command line as the ``krachtbron`` console script."""

import sys

from krachtbron.cli import main

if __name__ == "__main__":
    sys.exit(main())

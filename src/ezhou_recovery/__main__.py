"""``python -m ezhou_recovery``."""

import sys

from .cli import main

sys.exit(main())

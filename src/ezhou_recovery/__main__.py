"""``python -m ezhou_recovery``."""

import sys

from ezhou_recovery.cli import main

sys.exit(main())

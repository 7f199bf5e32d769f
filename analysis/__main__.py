"""``python -m analysis`` runs the ``framing`` command line."""

import sys

from .cli import main

sys.exit(main())

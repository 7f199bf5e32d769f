"""``python -m analysis`` runs the ``framing`` command line.

Pipeline step: all of them: the command line.
"""

import sys

from .cli import main

sys.exit(main())

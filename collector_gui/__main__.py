"""`python -m collector_gui` is the same as the `collector` command."""

from __future__ import annotations

import sys

from collector_gui.start import main

sys.exit(main())

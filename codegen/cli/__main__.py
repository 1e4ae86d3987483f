"""`python -m codegen.cli`: the `symprop` command."""

import sys

from . import main

sys.exit(main())

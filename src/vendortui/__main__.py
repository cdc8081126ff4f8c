"""`python -m vendortui` runs the same entry point as the console script."""

from vendortui.cli import main

raise SystemExit(main())

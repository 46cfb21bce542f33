"""``python -m simulator`` runs the same command line as ``repcraft``."""

from simulator.cli import main

raise SystemExit(main())

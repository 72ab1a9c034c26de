"""`python -m ldn_tui` is the same as the `ldn-study` command."""

from ldn_tui.cli import main

raise SystemExit(main())

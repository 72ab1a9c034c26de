"""Child process for start-up benchmarks: start an app, print when the first frame is painted, exit.

    python benchmarks/_paint.py bare
    python benchmarks/_paint.py real [--content PATH]

Both run headless at 100x32 (no terminal needed, the same for both). "First paint" is the
first time Textual hands a compositor update to its display step, after compose, mount and
layout. The parent measures wall time from spawning this process to reading "PAINT", so the
figure includes interpreter start-up and every import, as a user's start would.
"""

from __future__ import annotations

import os
import resource
import sys

if os.environ.get("PAINT_PROFILE"):  # python benchmarks/_paint.py real with PAINT_PROFILE=out.prof
    import cProfile

    _profiler = cProfile.Profile()
    _profiler.enable()
else:
    _profiler = None

from textual.app import App  # noqa: E402

_orig_display = App._display
_orig_run = App.run


def _display(self, screen, renderable):  # first frame: report and leave at once
    _orig_display(self, screen, renderable)
    if renderable is not None:
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        sys.stdout.write(f"PAINT {rss_mb:.1f}\n")
        sys.stdout.flush()
        if _profiler is not None:
            _profiler.disable()
            _profiler.dump_stats(os.environ["PAINT_PROFILE"])
        os._exit(0)


def _run(self, *args, **kwargs):
    kwargs["headless"] = True
    kwargs.setdefault("size", (100, 32))
    return _orig_run(self, *args, **kwargs)


App._display = _display
App.run = _run


def bare() -> None:
    """The same kinds of widget the real first screen composes, with no content behind them."""
    from textual.app import ComposeResult
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import Footer, Label, Markdown, Tree

    class Bare(App):
        CSS = """
        #top { height: 1; }
        #navigator { width: 34; }
        #reader { width: 1fr; }
        """

        def compose(self) -> ComposeResult:
            with Horizontal(id="top"):
                yield Label("ldn-study")
                yield Label("")
                yield Label("Educational · not medical advice")
            with Horizontal():
                tree: Tree[None] = Tree("Chapters", id="navigator")
                for i in range(8):
                    tree.root.add(f"Chapter {i}")
                tree.root.expand()
                yield tree
                with VerticalScroll(id="reader"):
                    yield Markdown("# Title\n\nA paragraph.")
            yield Footer(compact=True, show_command_palette=False)

    Bare().run()


def real(argv: list[str]) -> None:
    import ldn_tui.commands.base as base
    from ldn_tui.cli import main

    base.terminal_problem = lambda: None  # headless here: no terminal is needed

    raise SystemExit(main(argv))


if __name__ == "__main__":
    mode, rest = sys.argv[1], sys.argv[2:]
    bare() if mode == "bare" else real(rest)

"""Child process for profile_startup.py: run ldn-study or the bare app, log where start-up time goes.

    python benchmarks/_tty_probe.py LOG ldn [ldn-study arguments...]
    python benchmarks/_tty_probe.py LOG min APP_MIN_PY

Runs the app normally (in the terminal it is started in: profile_startup.py starts it in a tmux
pane) after patching a few Textual and ldn-study functions to record, in ms since this script
started (the interpreter's own start-up comes before), when each start-up phase ended. At the
first frame handed to the display it appends one JSON line to LOG and leaves the app running.
The patches only read the clock; they change no behaviour.

Optional, by environment:
* PROBE_IMPORTS=FILE: C-level stderr goes to FILE (with PYTHONPROFILEIMPORTTIME=1, that is the
  import-time report), Textual keeps the terminal; "FIRST-PAINT" is written there at the first frame.
* PROBE_PYINSTRUMENT=FILE: a pyinstrument profile from here to the first frame, as text, to FILE.
"""

from __future__ import annotations

import json
import os
import sys
import time

T0 = time.perf_counter()
LOG, MODE, ARGS = sys.argv[1], sys.argv[2], sys.argv[3:]
marks: dict[str, float] = {}
totals: dict[str, float] = {"compose_ms": 0.0, "style_apply_ms": 0.0, "css_parse_ms": 0.0}
counts: dict[str, int] = {"style_apply": 0, "sql": 0}
sql: list[str] = []


def mark(name: str) -> None:
    marks.setdefault(name, (time.perf_counter() - T0) * 1000)


if os.environ.get("PROBE_IMPORTS"):  # keep the terminal for Textual (it writes to sys.__stderr__)
    _tty = os.dup(2)
    os.dup2(os.open(os.environ["PROBE_IMPORTS"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 2)
    sys.stderr = sys.__stderr__ = os.fdopen(_tty, "w", buffering=1)

_profiler = None
if os.environ.get("PROBE_PYINSTRUMENT"):
    from pyinstrument import Profiler

    _profiler = Profiler(interval=0.001, async_mode="disabled")
    _profiler.start()

import sqlite3  # noqa: E402  (patched before any project module can connect)

_connect = sqlite3.connect


def _traced_connect(*args, **kwargs):  # count the statements run before the first frame
    conn = _connect(*args, **kwargs)

    def trace(statement: str) -> None:
        if "first_paint" not in marks:
            counts["sql"] += 1
            sql.append(" ".join(statement.split())[:90])

    conn.set_trace_callback(trace)
    return conn


sqlite3.connect = _traced_connect


def timed(
    owner: object,
    name: str,
    total: str | None = None,
    start: str | None = None,
    end: str | None = None,
    count: str | None = None,
) -> None:
    """Wrap owner.<name> (a plain function) to add its time to `total` and/or mark its start/end."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        if start:
            mark(start)
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            if total and "first_paint" not in marks:
                totals[total] += (time.perf_counter() - t) * 1000
            if count and "first_paint" not in marks:
                counts[count] += 1
            if end:
                mark(end)

    setattr(owner, name, wrapper)


def timed_async(owner: object, name: str, start: str) -> None:
    original = getattr(owner, name)

    async def wrapper(*args, **kwargs):
        mark(start)
        return await original(*args, **kwargs)

    setattr(owner, name, wrapper)


def install_textual() -> None:
    import textual.app
    import textual.widget
    from textual.app import App
    from textual.css.stylesheet import Stylesheet

    mark("textual_imported")

    def timed_compose(original):
        def compose(node):
            t = time.perf_counter()
            try:
                return original(node)
            finally:
                if "first_paint" not in marks:
                    totals["compose_ms"] += (time.perf_counter() - t) * 1000

        return compose

    textual.widget.compose = timed_compose(textual.widget.compose)  # type: ignore[assignment]
    textual.app.compose = timed_compose(textual.app.compose)  # type: ignore[assignment]
    timed(Stylesheet, "apply", total="style_apply_ms", count="style_apply")
    timed(Stylesheet, "parse", total="css_parse_ms")
    timed(Stylesheet, "reparse", total="css_parse_ms")
    timed(App, "run", start="app_run")
    timed_async(App, "_process_messages", start="event_loop")
    timed(App, "_build_driver", start="css_read")  # after the prelude: CSS files read and parsed
    timed_async(App, "_ready", start="mounted")  # compose, mount and on_mount handlers done
    from textual.screen import Screen

    compose_screen = Screen._compose

    async def screen_compose(self) -> None:  # the first screen: compose, then mount its widgets
        first = "screen_compose" not in marks
        mark("screen_compose")
        await compose_screen(self)
        if first:
            mark("screen_composed")

    Screen._compose = screen_compose  # type: ignore[method-assign]
    refresh_layout = Screen._refresh_layout

    def first_layout(self, *args, **kwargs):  # noqa: ANN001
        size = args[0] if args and args[0] is not None else kwargs.get("size") or self.outer_size
        if "layout" in marks or not size:
            return refresh_layout(self, *args, **kwargs)
        mark("layout")  # it ends by handing the first frame to App._display
        return refresh_layout(self, *args, **kwargs)

    Screen._refresh_layout = first_layout  # type: ignore[method-assign]

    display = App._display

    def first_display(self, screen, renderable):
        if renderable is None or "first_paint" in marks:
            return display(self, screen, renderable)
        mark("frame_ready")  # layout and compositor done, about to render and write
        result = display(self, screen, renderable)
        mark("first_paint")
        report(self)
        return result

    App._display = first_display  # type: ignore[method-assign]


def report(app) -> None:  # noqa: ANN001
    if _profiler is not None:
        _profiler.stop()
        with open(os.environ["PROBE_PYINSTRUMENT"], "w") as fh:
            try:
                fh.write(_profiler.output_text(unicode=False, color=False, show_all=False))
            except Exception as exc:  # noqa: BLE001  (say why in the file rather than break the app)
                import traceback

                fh.write("".join(traceback.format_exception(exc)))
    if os.environ.get("PROBE_IMPORTS"):
        os.write(2, b"FIRST-PAINT\n")
    widgets = len(list(app.screen.walk_children(with_self=True)))
    row = {
        "mode": MODE,
        "marks": marks,
        "totals": totals,
        "counts": counts,
        "widgets": widgets,
        "css_rules": len(app.stylesheet.rules),
        "modules": len(sys.modules),
        "sql": sql,
    }
    with open(LOG, "a") as fh:
        fh.write(json.dumps(row) + "\n")


def install_ldn() -> None:
    import ldn_tui.cli as cli
    import ldn_tui.content  # noqa: F401  (imported by cli before loading, as in a real start)

    mark("ldn_cli_imported")
    runner = sys.modules[cli.run_app.__module__]  # where run_app looks load_or_report up
    timed(runner, "load_or_report", start="content_load", end="content_loaded")
    import builtins

    original_import = builtins.__import__

    def watch_import(name, *args, **kwargs):  # noqa: ANN001
        """At the first import of the UI (run_app's `from ldn_tui.tui.app import run`, after the
        content is loaded): import textual.app and patch it, import the UI, time build_app."""
        if not name.startswith(("ldn_tui.tui", "textual")):
            return original_import(name, *args, **kwargs)
        builtins.__import__ = original_import
        install_textual()
        module = original_import(name, *args, **kwargs)
        mark("ldn_tui_imported")
        ui = sys.modules.get("ldn_tui.tui.app")
        if ui is not None and hasattr(ui, "build_app"):
            timed(ui, "build_app", start="build_app", end="app_built")
        return module

    builtins.__import__ = watch_import


if __name__ == "__main__":
    if MODE == "ldn":
        install_ldn()  # Textual is patched when ldn_tui.tui.app is imported, as in a real start
        from ldn_tui.cli import main

        sys.exit(main(ARGS))
    else:
        import runpy

        install_textual()
        sys.argv = [ARGS[0], "tty"]
        runpy.run_path(ARGS[0], run_name="__main__")

"""`ldn-study serve`: the app in a web browser, through textual-serve (the `ldn-study[web]` extra).

textual-serve runs a small web server; each browser tab that opens the page starts its own
`ldn-study` process (`python -m ldn_tui`, with the same content and progress store as the
terminal) and streams it to the page. The server listens on a loopback address only: the app
can read your progress and write export files wherever you point it, so it is not something
to offer to other machines on a network.

Exit codes: 0 after Ctrl+C, 1 when the port cannot be used, 2 for a usage mistake (a host that
is not a loopback address) or when textual-serve is not installed.
"""

from __future__ import annotations

import argparse
import shlex
import sys

from ldn_tui.commands.base import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, command, error, load_or_report

DEFAULT_PORT = 8000
DEFAULT_HOST = "127.0.0.1"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: The page's title: the app's own (`LdnApp.TITLE` and `SUB_TITLE`).
PAGE_TITLE = "ldn-study: low-dose naltrexone, for students"

INSTALL_HINT = (
    "serving in a browser needs the optional textual-serve package. Install it with\n"
    "    pip install 'ldn-study[web]'\n"
    "(or, with pipx: pipx inject ldn-study textual-serve), then run ldn-study serve again."
)


def _port(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"{n} is not a port number (1-65535)")
    return n


def _configure(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, metavar="N", help=f"port to listen on (default: {DEFAULT_PORT})"
    )
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="HOST",
        help=f"loopback address to listen on: {', '.join(LOOPBACK)} (default: {DEFAULT_HOST})",
    )
    p.add_argument(
        "--content",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="content folder to use instead of the bundled one (also: LDN_STUDY_CONTENT)",
    )
    p.epilog = (
        "Open the address it prints (http://127.0.0.1:8000 by default) in a web browser; each tab\n"
        "runs its own ldn-study, on the same progress as the terminal app. Ctrl+C stops the server.\n"
        "Needs the web extra: pip install 'ldn-study[web]'. Only this computer can connect: the\n"
        "server listens on a loopback address, never on the network."
    )


def app_command(content: str | None) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this package."""
    parts = [sys.executable, "-m", "ldn_tui"]
    if content:
        parts += ["--content", content]
    return " ".join(shlex.quote(p) for p in parts)


@command("serve", "open the app in a web browser (needs ldn-study[web])", _configure)
def cmd_serve(args: argparse.Namespace) -> int:
    if args.host not in LOOPBACK:
        error(
            f"--host {args.host} is not a loopback address. ldn-study serves only this computer "
            f"({', '.join(LOOPBACK)}): the app can read your progress and write files as you."
        )
        return EXIT_USAGE
    try:
        from textual_serve.server import Server
    except ImportError:
        error(INSTALL_HINT)
        return EXIT_USAGE
    content_path = getattr(args, "content", None)
    if load_or_report(args) is None:  # report bad content here, not in every browser tab
        return EXIT_PROBLEMS
    host = "[::1]" if args.host == "::1" else args.host
    server = Server(
        app_command(content_path),
        host=args.host,
        port=args.port,
        title=PAGE_TITLE,
        public_url=f"http://{host}:{args.port}",
    )
    try:
        server.serve()
    except OSError as exc:
        error(f"cannot listen on {host}:{args.port}: {exc.strerror or exc}. Choose another port with --port.")
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        pass
    return EXIT_OK

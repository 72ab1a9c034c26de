"""Subcommands beyond the spine (quiz, review, stats, export, import ...).

Each module here registers its commands with `ldn_tui.cli.command` when imported; the CLI
imports every module in this package, so adding a command never means editing cli.py.
"""

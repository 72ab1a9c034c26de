"""The app's screens: the study screen and its dialogs."""

from pathlib import Path as _Path

_TUI = _Path(__file__).resolve().parent.parent
#: The quiz, summary, set-up and stats screens' stylesheet: loaded when one is first shown,
#: so start-up does not parse it or check its rules against the study screen's widgets.
QUIZ_CSS = str(_TUI / "quiz.tcss")
#: Every dialog's stylesheet (`Dialog.CSS_PATH`), loaded with the first dialog shown.
DIALOG_CSS = str(_TUI / "dialogs.tcss")

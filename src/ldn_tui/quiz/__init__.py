"""Quiz mode's core: question selection, presentation order, grading, generated questions.

No Textual here. See `quiz.engine` for the session API and `quiz.grading` for the scoring rules.
The package itself imports nothing, so a module that needs only `quiz.recording` (the study
service, at start-up) does not load the engine, the scheduler and FSRS with it.
"""

"""The Textual app. Everything Textual lives under this package; the core never imports it."""

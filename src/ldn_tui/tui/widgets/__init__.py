"""Widgets: presentation only; they post messages and the screens decide."""

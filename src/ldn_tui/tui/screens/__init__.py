"""The app's screens: the study screen and its dialogs."""

"""Modal dialogs, each typed by the answer it dismisses with."""

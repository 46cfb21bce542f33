"""The Textual app: screens, widgets and their ``.tcss`` files. The only place Textual
is imported. Build the app with :func:`simulator.tui.app.make_app`."""

"""Widgets of the app. Each receives ready-made data from its screen and posts
messages up; none reaches for a sibling."""

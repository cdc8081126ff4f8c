"""The pure domain core: models, loading, money, scoring, sessions, export.

Nothing under this package may import Textual or any UI code; a test checks it, so the
headless commands stay light and the rules can be tested without a terminal.
"""

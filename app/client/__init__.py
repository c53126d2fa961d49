"""The desktop client's non-UI half: local store, outbox, sync engine, HTTP, session, services.

Never imports app.server, PySide6 or ui.
"""

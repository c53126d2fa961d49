"""The Collection Desk desktop client (PySide6).

Widgets never touch a database: they call `app.client.desk_service.DeskService`, which
returns frozen dataclasses, and they learn about changes through `ui.signal_hub.SignalHub`.
This package never imports SQLAlchemy or `app.server`.
"""

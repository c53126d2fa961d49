"""The one signal hub: tells every panel what changed (Anki's "op changes" idea).

Every mutation (a saved note, a finished sync) produces an `app.client.views.ChangeSet`;
whoever caused it emits it here once, and each panel decides whether it needs to refresh.
Panels never poll the store.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class SignalHub(QObject):
    """Application-wide signals. Always emitted and received on the GUI thread."""

    #: an app.client.views.ChangeSet after a local write or a sync
    changed = Signal(object)
    #: an app.client.views.SyncStatus whenever the sync state changes
    sync_status = Signal(object)
    #: the case the agent is looking at (case id as str)
    case_selected = Signal(str)

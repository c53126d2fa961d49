"""The team console: the team lead's (and an admin's) mode of the main window.

One module per screen (team worklist, agents, reassignment by rule, approvals, dashboard,
audit), the console that tabs them (`console.py`), the mode switch in the main window
(`mode.py`) and the screenshots (`screens.py`). Every request goes through
`app.client.team_api.TeamApi`, off the GUI thread (`calls.py`).
"""

"""Pure loan-collection rules: money, schedules, delinquency, plans, contact policy, scripts.

Nothing here performs I/O, reads the clock or imports Qt/SQLAlchemy; time is passed in.
"""

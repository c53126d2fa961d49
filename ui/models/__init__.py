"""Item models: QAbstractTableModel subclasses over tuples of frozen view values.

Never QStandardItemModel, never a proxy over big data: the worklist sorts and filters in
SQL through DeskService; the per-case models hold a few dozen rows each.
"""

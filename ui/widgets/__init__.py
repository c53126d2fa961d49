"""The desk's panels: worklist, profile, repayment history, notes, status bar."""

"""Server jobs: CSV imports, the daily overdue run (set-based SQL), case allocation."""

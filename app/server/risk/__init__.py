"""Risk and strategy: default-probability model, scores, segments, care calls, reminders.

Only `fitting` imports scikit-learn, and only inside the `risk fit` command; scoring,
the care-call list and the reminder batch need numpy at most. Neither the API nor the
desk imports this package.
"""

"""The deterministic demo loan book (generator, activity, seed_demo) and its CLI."""

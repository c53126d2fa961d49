"""Command-line tools that need only the pure domain core."""

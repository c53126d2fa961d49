"""Developer tools for the desk (translations)."""

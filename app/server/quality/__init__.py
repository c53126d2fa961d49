"""Quality review on the server: transcription engines, transcript import and storage, the
daily review run and the `qa` commands (the rules themselves are pure: app/domain/quality)."""

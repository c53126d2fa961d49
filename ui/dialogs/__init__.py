"""Dialogs: welcome (connect or demo), sign-in, settings, needs-attention, first sync."""

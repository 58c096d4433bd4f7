"""Wording: every word a user reads, composed from a `Reply` decision and the knowledge."""

"""Benchmarks: scripts that measure the app and print figures (not pass/fail tests)."""

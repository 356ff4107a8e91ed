"""The Chromium the tests and the benchmark drive (never a downloaded browser)."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1"}
"""Hosts a page of the book may fetch from; requests to any other host are aborted."""


def launch(playwright, **options):
    """A headless Chromium through Python playwright's ``sync_playwright()`` object."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, **options)

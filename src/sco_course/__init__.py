"""Reusable code for the SCO course module."""

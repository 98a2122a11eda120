"""Kāhui: professional learning groups for educators."""

__version__ = "0.1.0"

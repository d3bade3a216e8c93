"""FEATURES: every feature by name (filled in by the features_* modules)."""

from __future__ import annotations

FEATURES: dict = {}

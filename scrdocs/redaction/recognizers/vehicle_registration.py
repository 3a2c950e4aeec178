"""UK vehicle registration marks."""

from __future__ import annotations

from .base import YamlPatternRecognizer


class VehicleRegistrationRecognizer(YamlPatternRecognizer):
    RULES = "vehicle_registration"

"""CLI commands (filled in by the issue that builds this part)."""

commands: list = []

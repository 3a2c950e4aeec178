"""The version, apart from the package's ``__init__`` so library modules can read it without importing the whole API."""

__version__ = "0.1.0"

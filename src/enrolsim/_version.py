"""The package version, in a leaf module that anything may import without importing the package's API."""

__version__ = "0.1.0"

"""``corridor download``: BACI release files and UN Comtrade API responses."""

from ..sources.download.cli import register

__all__ = ["register"]

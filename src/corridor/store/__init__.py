"""The workspace: canonical store, provenance and query entry points."""

from .workspace import IngestReport, Workspace

__all__ = ["IngestReport", "Workspace"]

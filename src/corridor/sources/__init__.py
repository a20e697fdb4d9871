"""Importers (file -> canonical rows) and downloaders, one module per source."""

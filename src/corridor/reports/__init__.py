"""corridor.reports."""

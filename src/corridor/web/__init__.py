"""corridor.web."""

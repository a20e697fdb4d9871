"""corridor.indicators."""

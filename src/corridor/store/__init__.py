"""corridor.store."""

"""corridor.reference."""

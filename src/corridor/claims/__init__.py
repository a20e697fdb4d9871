"""corridor.claims."""

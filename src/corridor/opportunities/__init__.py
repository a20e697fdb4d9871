"""corridor.opportunities."""

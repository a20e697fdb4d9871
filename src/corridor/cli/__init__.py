"""corridor.cli."""

"""Synthetic data of realistic shape, for the offline demo, tests and benchmarks. Always labelled synthetic."""

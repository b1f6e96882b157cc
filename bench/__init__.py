"""Benchmarks (not tests): storage at scale, throughput, latency, NLU accuracy."""

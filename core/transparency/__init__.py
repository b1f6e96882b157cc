"""Public accountability statistics: every department's record, with no personal data, cached for crowds.

``service`` computes them (from the officers' ``compute_stats``), ``views`` is the only shape that
leaves the core (aggregates only; small district counts already suppressed), ``cache`` keeps one
computation a minute per period shared by every app process.
"""

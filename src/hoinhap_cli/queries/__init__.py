"""Queries: what each command answers, as values (rows, counts, the review, the plan's changes)."""

"""Judgement: who answers for a milestone and whether it is done, as pure functions of (ledger, day)."""

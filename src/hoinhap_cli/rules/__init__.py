"""Rules: pure functions over the plan and the ledger (what is late, the reports ledger, which unit
a text names, what an entry may say)."""

"""Ledger: the data folder read, checked and indexed into a Ledger, cached, and written back."""

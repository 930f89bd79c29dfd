"""hoinhap — a command-line task ledger for Decision 02/2008/QĐ-UBND of District 2."""

__version__ = "0.1.0"

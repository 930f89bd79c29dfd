"""Office: the documents that leave the house: the units' .xlsx forms and the Word review."""

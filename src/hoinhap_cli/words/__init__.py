"""Words: text, dates and periods, vocabulary, problems and every message in both languages."""

"""Model: the schema of plan.yaml and of a report file, its records, and the checks of one plan."""

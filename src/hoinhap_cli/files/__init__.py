"""Files: where the data is, YAML read with positions and written in order, atomic writes, refusals."""

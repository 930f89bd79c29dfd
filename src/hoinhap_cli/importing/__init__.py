"""`hoinhap import`: a plan document (Word, HTML, text or Markdown) turned into a draft ledger.

`source` reads any layout into one neutral shape (`Document`); `header` and `appendix` read
the decision and its task table out of it, with `deadlines` and `units` for the cells;
`draft` writes the commented plan.yaml; `run` ties them together and keeps the review list.
"""

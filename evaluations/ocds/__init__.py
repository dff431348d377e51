"""Open Contracting Data Standard (OCDS 1.1) publication of tenders, awards, contracts and
implementation: mapping (pure), compiled records (pure), selectors, views and validation."""

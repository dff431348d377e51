"""Demo data for tenders (filled in below)."""

"""The public JSON API (/api/v1/): read-only public data, and token-scoped need imports."""

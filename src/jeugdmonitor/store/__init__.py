"""The DuckDB store: pseudonymisation, loading deliveries, the load log."""

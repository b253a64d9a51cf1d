"""The engine: computes the catalogue's indicators on a store, set-based in DuckDB."""

"""The catalogue: shipped definitions as data (product catalogue, indicator sets), extended by a region's own."""

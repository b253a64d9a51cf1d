"""Jeugdhulpmonitor: beleids- en stuurinformatie jeugdhulp.

The package follows the data flow: ``sources`` (readers) -> ``store`` (DuckDB) -> ``catalog`` (definitions)
-> ``engine`` (computation) -> ``outputs`` (reports, dashboard, exports). ``contract`` holds the input
contract as data; ``demo`` generates the synthetic demo region.
"""

__version__ = "0.1.0"

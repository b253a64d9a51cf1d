"""Outputs: what the product shows people — the data-quality report now, reports and the dashboard later."""

"""The demo region generator: a synthetic but realistic delivery in the contract format (``jeugdmonitor generate``)."""

from jeugdmonitor.demo.generator import Summary, generate_delivery

__all__ = ["Summary", "generate_delivery"]

"""Validation against the iJw XSDs, when a schema folder is configured.

The folder holds ``JW301.xsd`` … ``JW325.xsd`` and ``basisschema.xsd`` of one release (tests use
``../shared/ijw/xsd/ijw-3.2/``). It is configured with ``--xsd MAP`` on ``jeugdmonitor load``/``check`` or the
environment variable ``JEUGDMONITOR_IJW_XSD``. Schemas are compiled once per message type. A message of
another release than the folder's (3.0/3.1 against 3.2 XSDs) is not validated against it: its namespace differs,
so every message would fail; the structural checks still apply.

lxml's messages are English; the common ones are put into Dutch, and digit runs that could be a BSN are masked.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

from jeugdmonitor.errors import UserError
from jeugdmonitor.sources.ijw.bericht import Bericht

ENV_XSD = "JEUGDMONITOR_IJW_XSD"
_TARGET = re.compile(r'targetNamespace="http://www\.istandaarden\.nl/ijw/(\d+)_(\d+)/')
_ELEMENT = re.compile(r"Element '(?:\{[^}]*\})?([^']+)'")
_NOT_VALID = re.compile(r"'([^']*)' is not a valid value of the (?:atomic|list|union) type '(?:\{[^}]*\})?([^']+)'")
_NOT_EXPECTED = "This element is not expected"
_MISSING = "Missing child element"


def configured_folder(folder: Path | None) -> Path | None:
    """The folder given, else ``JEUGDMONITOR_IJW_XSD``, else None (no XSD validation)."""
    if folder is not None:
        return Path(folder)
    env = os.environ.get(ENV_XSD)
    return Path(env) if env else None


def _mask(text: str) -> str:
    return re.sub(r"\d{8,}", "…", text)


def dutch_reason(message: str) -> tuple[str | None, str]:
    """(element, Dutch reason) from an lxml schema error message."""
    found = _ELEMENT.search(message)
    element = found.group(1) if found else None
    invalid = _NOT_VALID.search(message)
    if invalid:
        return element, _mask(f"waarde '{invalid.group(1)}' is ongeldig voor type {invalid.group(2)} (XSD)")
    if _NOT_EXPECTED in message:
        return element, "element staat niet op een plaats die het XSD-schema toestaat"
    if _MISSING in message:
        expected = re.findall(r"\{[^}]*\}(\w+)", message.split("Expected is", 1)[-1])
        wat = f" (verwacht: {', '.join(dict.fromkeys(expected))})" if expected else ""
        return element, f"verplicht onderliggend element ontbreekt{wat}"
    return element, _mask(f"voldoet niet aan het XSD-schema ({message.split(':', 1)[-1].strip()})")


class Schemas:
    """The compiled XSDs of one folder, per message type."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise UserError(f"de map met iJw-XSD's bestaat niet: {self.folder}")
        self.release = self._release()
        self._compiled: dict[str, etree.XMLSchema | None] = {}

    def _release(self) -> str | None:
        for path in sorted(self.folder.glob("JW3*.xsd")):
            found = _TARGET.search(path.read_text(encoding="utf-8", errors="replace")[:4000])
            if found:
                return f"{found.group(1)}.{found.group(2)}"
        return None

    def schema(self, soort: str) -> etree.XMLSchema | None:
        if soort not in self._compiled:
            path = self.folder / f"{soort}.xsd"
            try:
                self._compiled[soort] = etree.XMLSchema(etree.parse(str(path))) if path.exists() else None
            except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
                raise UserError(f"het XSD-bestand {path.name} in {self.folder} is niet te lezen: {exc}") from None
        return self._compiled[soort]

    def check(self, bericht: Bericht) -> tuple[str | None, str] | None:
        """(element, reason) for the first XSD error, or None when valid or not validated."""
        if bericht.release != self.release:
            return None
        schema = self.schema(bericht.soort)
        if schema is None or schema.validate(bericht.root):
            return None
        error = schema.error_log[0]
        element, reden = dutch_reason(error.message)
        return (element or error.path or None), f"{reden} (regel {error.line})"

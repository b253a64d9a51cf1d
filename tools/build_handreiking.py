"""Regenerate docs/handreiking.md from the catalogue, the input contract and the report templates.

Run from the repository root:
    .venv/bin/python tools/build_handreiking.py

tests/test_handreiking.py fails when the committed file differs from what this writes.
"""

from __future__ import annotations

from pathlib import Path

from jeugdmonitor.outputs.handreiking import schrijf_handreiking

if __name__ == "__main__":
    print(f"geschreven: {schrijf_handreiking(Path(__file__).resolve().parents[1])}")

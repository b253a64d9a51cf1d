"""The data-quality report (kwaliteitsrapport) on a delivery: ``jeugdmonitor check DIR``.

Per table and column how complete and valid the delivery is, per basisgegeven (BG1–BG36 of the H10
note) whether it is delivered, per indicator of the catalogue whether it can be computed, and the
meldingen of the loader. Rendered as plain text for the terminal, and as HTML and JSON files.

    report = run_check(Path("levering"), out=Path("out/kwaliteit"))
    print(report.render_terminal())
"""

from jeugdmonitor.outputs.kwaliteit.check import build_report, run_check, write_report
from jeugdmonitor.outputs.kwaliteit.model import QualityReport
from jeugdmonitor.outputs.kwaliteit.regels import GELDIGHEID_MIN, VOLLEDIGHEID_MIN

__all__ = ["GELDIGHEID_MIN", "VOLLEDIGHEID_MIN", "QualityReport", "build_report", "run_check", "write_report"]

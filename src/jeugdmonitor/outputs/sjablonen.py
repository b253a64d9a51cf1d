"""The Jinja2 setup every HTML output shares: templates in a package's ``templates`` folder, HTML-escaped,
undefined names an error; and a stylesheet read from that folder to inline (no external resources)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import jinja2


def environment(package: str) -> jinja2.Environment:
    """A new environment for the templates of ``package`` (a module's ``__package__``); callers add their
    filters and keep it (functools.cache)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


@cache
def stylesheet(package: str, name: str) -> str:
    """A stylesheet of ``package``'s templates folder, to inline in a page."""
    return resources.files(package).joinpath("templates", name).read_text(encoding="utf-8")

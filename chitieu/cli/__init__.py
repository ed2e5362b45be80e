"""The `chitieu` command: a thin layer over the library.

Each command group lives in its own module here and registers itself on `main`;
commands open what they need, call one library function, and turn domain errors
into a clear message and an exit code.
"""

from __future__ import annotations

import click

from chitieu import __version__
from chitieu.extract import BUILD


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="chitieu", message=f"%(prog)s %(version)s (grammar: {BUILD})")
def main() -> None:
    """chitieu: Vietnamese local-government reports → a scoreboard of targets and directives.

    Read reports (text, HTML, DOCX, PDF), extract every quantitative fact with the
    sentence it came from, store them, judge each target against its pace, and track
    directives and petitions.
    """


def _register() -> None:
    # Imported for their side effect: each module adds its commands to `main`.
    from chitieu.cli import (
        assess_cmd,  # noqa: F401
        catalogue_cmd,  # noqa: F401
        demo_cmd,  # noqa: F401
        extract_cmd,  # noqa: F401
        ingest_cmd,  # noqa: F401
        synth_cmd,  # noqa: F401
        web_cmd,  # noqa: F401
    )


_register()

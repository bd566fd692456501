"""The command line: a thin shell that parses arguments, calls the library and prints.

Each command group lives in its own module and registers itself on :data:`app`.
"""
from __future__ import annotations

import os

# slovnet's matrices are small: one BLAS thread per process is faster than a pool spinning
# for cores that worker processes already use. Set before numpy loads; a user's value wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import typer  # noqa: E402

app = typer.Typer(
    name="svodka",
    help="Russian news in, structured and verifiable facts out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def _root() -> None:
    """Russian news in, structured and verifiable facts out."""


from svodka.cli import extract as _extract  # noqa: E402,F401  (registers commands)
from svodka.cli import eval as _eval  # noqa: E402,F401
from svodka.cli import serve as _serve  # noqa: E402,F401
from svodka.cli import corpus as _corpus  # noqa: E402,F401
from svodka.cli import kb as _kb  # noqa: E402,F401
from svodka.cli import train as _train  # noqa: E402,F401
from svodka.cli import tone as _tone  # noqa: E402,F401
from svodka.cli import corrections as _corrections  # noqa: E402,F401


_done_without_teardown = False


def end_without_teardown() -> None:
    """Called by a command once everything it made is written and closed: the process then
    ends without tearing its objects down one by one. After an ingest that took 1.7-5.9 s
    of wall time at a load average of ~30 (the parent holding the models with one worker,
    the pool's workers joined with two; bench/ingest.py's "store closed to process exit"),
    and the workers, tied to the parent, end with it. Only the real command line does
    this (:func:`main`), never a command invoked in-process (tests, CliRunner)."""
    global _done_without_teardown
    _done_without_teardown = True


def main() -> None:
    try:
        app()
    except SystemExit as done:
        if not _done_without_teardown:
            raise
        code = done.code
    else:
        if not _done_without_teardown:
            return
        code = 0
    import logging
    import sys

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)

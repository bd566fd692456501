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


def main() -> None:
    app()

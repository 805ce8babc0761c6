"""Running the command line in a subprocess, as a user does, and checking its one-line errors."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

PROVENANCE = [sys.executable, "-m", "provenance"]


def run(*args: str, stdin: bytes | None = None, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    result: subprocess.CompletedProcess[bytes] = subprocess.run(
        [*PROVENANCE, *args], input=stdin, capture_output=True, timeout=120, **kwargs
    )
    return result


def one_line_error(result: subprocess.CompletedProcess[bytes], *needles: str) -> str:
    """The error line of a failed run: exit 2, nothing on stdout, one line naming the problem."""
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert result.stdout == b""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("provenance: error: "), err
    for needle in needles:
        assert needle in err, err
    return err

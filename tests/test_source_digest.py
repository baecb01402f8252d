"""The document's SHA-256 (``source.sha256``): the same digest whichever implementation computes it."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from budgetx.extract import OPENSSL_FROM, sha256


@pytest.mark.parametrize("size", [0, 1, 55, 64, 200_000, OPENSSL_FROM - 1, OPENSSL_FROM, OPENSSL_FROM + 1])
def test_the_digest_is_hashlibs_below_and_above_the_threshold(size):
    data = os.urandom(size)
    assert sha256(data) == hashlib.sha256(data).hexdigest()


def test_a_small_document_is_hashed_without_loading_openssl():
    script = (
        "import json, sys\n"
        "from budgetx.extract import sha256\n"
        "digest = sha256(b'x' * 1000)\n"
        "print(json.dumps([digest, 'hashlib' in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    digest, loaded = json.loads(done.stdout)
    assert digest == hashlib.sha256(b"x" * 1000).hexdigest()
    assert not loaded

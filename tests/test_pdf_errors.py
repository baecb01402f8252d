"""Bad PDFs: one clear error naming the file and saying what to do, its own exit code, no output file."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import budgetx
import budgetx.errors
from budgetx.cli import app
from budgetx.errors import CorruptDocument, EncryptedDocument, NoTextLayer, UnsupportedFormat
from tests.conftest import FIXTURES

PDFS = FIXTURES / "pdf"


def test_encrypted_pdf_says_to_pass_a_password():
    path = PDFS / "encrypted.pdf"
    with pytest.raises(EncryptedDocument) as err:
        budgetx.extract(path, validate=False)
    assert str(path) in str(err.value) and "--password" in str(err.value)
    with pytest.raises(EncryptedDocument, match="wrong"):
        budgetx.extract(path, password="not-it", validate=False)


def test_encrypted_pdf_opens_with_its_password():
    doc = budgetx.extract(PDFS / "encrypted.pdf", password="secret", validate=False)
    plain = budgetx.extract(PDFS / "table1.pdf", validate=False)
    assert (
        [t.title for t in doc.tables]
        == [t.title for t in plain.tables]
        == ["重庆市潼南区大数据应用发展管理局财政拨款收支总表"]
    )
    assert [r.cells for r in doc.tables[0].rows] == [r.cells for r in plain.tables[0].rows]


def test_truncated_pdf_is_corrupt():
    path = PDFS / "truncated.pdf"
    with pytest.raises(CorruptDocument) as err:
        budgetx.extract(path, validate=False)
    assert str(path) in str(err.value) and "damaged or truncated" in str(err.value)


def test_a_text_file_named_pdf_is_not_a_pdf():
    # regression: it exited 9 (damaged PDF) with the message "not a PDF"; 6 is the code for "not a PDF"
    path = PDFS / "not_a_pdf.pdf"
    with pytest.raises(UnsupportedFormat, match="not a PDF"):
        budgetx.extract(path, validate=False)


def test_scanned_pdf_names_the_pages_without_text():
    path = PDFS / "scanned.pdf"
    with pytest.raises(NoTextLayer) as err:
        budgetx.extract(path, validate=False)
    assert str(path) in str(err.value) and "page 1" in str(err.value) and "OCR" in str(err.value)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("encrypted.pdf", EncryptedDocument.exit_code),
        ("truncated.pdf", CorruptDocument.exit_code),
        ("not_a_pdf.pdf", UnsupportedFormat.exit_code),
        ("scanned.pdf", NoTextLayer.exit_code),
    ],
)
def test_cli_exit_codes_and_no_output_left(tmp_path, name, code):
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["extract", str(PDFS / name), "-o", str(out), "-q"])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert name in result.output
    assert not out.exists()


def test_cli_password_option(tmp_path):
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["extract", str(PDFS / "encrypted.pdf"), "--password", "secret", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_the_library_prints_nothing(capsys):
    for name in ("table1.pdf", "truncated.pdf", "scanned.pdf", "unruled.pdf"):
        with contextlib.suppress(budgetx.errors.BudgetxError):
            budgetx.extract(PDFS / name, validate=False)
    out, err = capsys.readouterr()
    assert out == "" and err == ""


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_pdfs_give_a_budgetx_error_never_a_crash(data):
    pdf = (PDFS / "table1.pdf").read_bytes()
    cut = data.draw(st.integers(min_value=8, max_value=len(pdf)))
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(pdf) - 1), st.integers(0, 255)), max_size=8))
    damaged = bytearray(pdf[:cut])
    for at, byte in flips:
        if at < len(damaged):
            damaged[at] = byte
    try:
        budgetx.extract("damaged.pdf", data=bytes(damaged), validate=False)
    except budgetx.errors.BudgetxError as err:
        assert str(err).startswith("damaged.pdf: ")

"""The survey that lets pdfium read a document only when the file is whole and within the budget."""

from __future__ import annotations

import zlib

import pytest

from budgetx.readers.pdf import cos, survey
from tests.conftest import FIXTURES, SAMPLE_PDF

CAP = 1 << 20
TOKENS = 100_000


def _pdf(*objects: bytes) -> bytes:
    """A PDF of these objects (numbered from 1); object 1 is the catalog, 2 the page tree root."""
    out = b"%PDF-1.7\n"
    for k, body in enumerate(objects, start=1):
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    return out + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _stream(data: bytes, extra: bytes = b"", flate: bool = True) -> bytes:
    raw = zlib.compress(data) if flate else data
    filt = b" /Filter /FlateDecode" if flate else b""
    return b"<< /Length %d%s%s >>\nstream\n" % (len(raw), filt, extra) + raw + b"\nendstream"


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def _one_page(content: bytes, *more: bytes) -> bytes:
    return _pdf(
        CATALOG,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /MediaBox [0 0 595 842] >>",
        content,
        *more,
    )


def test_a_whole_file_may_go_to_pdfium():
    got = survey.survey(_one_page(_stream(b"BT /F1 12 Tf (x) Tj ET")), CAP, TOKENS, 1)
    assert got.whole and got.pages == 1 and got.content_bytes == len(b"BT /F1 12 Tf (x) Tj ET")


def test_the_sample_is_whole():
    """Its content streams are ASCII85 then Flate: both undone."""
    from budgetx.readers.pdf import pdfium

    data = SAMPLE_PDF.read_bytes()
    reader = pdfium.Reader(data)
    assert survey.survey(data, CAP * 64, TOKENS * 10, reader.pages).whole
    reader.close()


def test_a_stream_that_does_not_inflate_to_its_end_is_damage():
    good = zlib.compress(b"BT /F1 12 Tf (x) Tj ET" * 50)
    cut = good[: len(good) // 2]
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(cut) + cut + b"\nendstream"
    got = survey.survey(_one_page(content), CAP, TOKENS, 1)
    assert not got.whole and "ends before its end mark" in got.why


def test_a_flipped_byte_fails_the_checksum():
    good = bytearray(zlib.compress(b"0 0 m 100 100 l S\n" * 400))
    good[len(good) // 2] ^= 0x40
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(good) + bytes(good) + b"\nendstream"
    assert not survey.survey(_one_page(content), CAP, TOKENS, 1).whole


def test_a_stream_past_the_cap_is_left_to_pdfminer_which_refuses_it():
    bomb = _stream(b"\0" * (CAP + 1), b" /Length1 5")  # a font program: not content, still capped
    got = survey.survey(_one_page(_stream(b"q Q"), bomb), CAP, TOKENS, 1)
    assert not got.whole and "past the budget's cap" in got.why


def test_more_content_than_the_pages_tokens():
    ops = b"0 0 m\n" * (TOKENS // 2)
    got = survey.survey(_one_page(_stream(ops)), CAP, TOKENS, 1)
    assert not got.whole and "tokens" in got.why


def test_fonts_images_and_profiles_are_not_page_content():
    font = _stream(b"\0" * (TOKENS * 2), b" /Length1 %d" % (TOKENS * 2))
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 9 /Height 9 /Filter /LZWDecode /Length 4 >>\nstream\nabcd\nendstream"
    )
    got = survey.survey(_one_page(_stream(b"q Q"), font, image), CAP, TOKENS, 1)
    assert got.whole and got.content_bytes == 3


def test_content_in_a_filter_the_survey_cannot_undo_goes_to_pdfminer():
    content = b"<< /Length 4 /Filter /LZWDecode >>\nstream\nabcd\nendstream"
    got = survey.survey(_one_page(content), CAP, TOKENS, 1)
    assert not got.whole and "LZWDecode" in got.why


def test_an_object_that_is_only_a_reference_starts_a_cycle():
    got = survey.survey(_one_page(_stream(b"q Q"), b"6 0 R"), CAP, TOKENS, 1)
    assert not got.whole and "only a reference" in got.why


def test_a_page_tree_hiding_a_page_from_its_count():
    """/Count says 1, /Kids names 2: pdfium's count must be the tree's."""
    data = _pdf(
        CATALOG,
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        _stream(b"q Q"),
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
    )
    assert survey.survey(data, CAP, TOKENS, 2).whole
    got = survey.survey(data, CAP, TOKENS, 1)
    assert not got.whole and "defines 2 pages, pdfium finds 1" in got.why


def test_pages_an_update_took_out_of_the_tree_are_not_counted():
    """An incremental update redefines the tree without a page; the page's object stays in the file."""
    data = _pdf(
        CATALOG,
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        _stream(b"q Q"),
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
    )
    data += b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n%%EOF\n"
    assert survey.survey(data, CAP, TOKENS, 1).whole


def test_pages_inside_an_object_stream_are_counted():
    objs = b"3 0 << /Type /Page /Parent 2 0 R /Contents 4 0 R >> "
    header = b"3 0 "
    stm = _stream(header + objs[len(header) :], b" /Type /ObjStm /N 1 /First %d" % len(header))
    data = _pdf(CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"null", _stream(b"q Q"), stm)
    got = survey.survey(data, CAP, TOKENS, 1)
    assert got.whole and got.pages == 1


@pytest.mark.parametrize(
    ("seed_file", "seed"),
    [(SAMPLE_PDF, 24), (FIXTURES / "reliability" / "jiangsu-2019.pdf", 27)],
)
def test_mutations_pdfium_would_read_in_silence_are_seen(seed_file, seed):
    """The two mutations of ``tests/test_fuzz.py`` whose content pdfium alone lost without a word."""
    from budgetx.readers.pdf import pdfium
    from tests.mutations import mutate

    _, mutated = mutate(seed_file.read_bytes(), seed)
    reader = pdfium.Reader(mutated)
    assert reader.sound  # pdfium itself sees nothing wrong
    assert not survey.survey(mutated, 64 * CAP, 10 * TOKENS, reader.pages).whole
    reader.close()


@pytest.mark.parametrize("size", [0, 1, 3, 4, 5, 17, 1000])
def test_ascii85_as_the_standard_library_decodes_it(size):
    import base64
    import random

    data = bytes(random.Random(size).randrange(256) for _ in range(size)) + b"\0\0\0\0"  # a "z" group too
    encoded = base64.a85encode(data, wrapcol=60) + b"~>"
    assert cos.ascii85(encoded) == data
    with pytest.raises(ValueError):
        cos.ascii85(b"ab\x00cd~>")  # a byte no ASCII85 digit


def test_a_content_stream_in_ascii85_then_flate_is_undone():
    import base64

    raw = base64.a85encode(zlib.compress(b"BT /F1 12 Tf (x) Tj ET")) + b"~>"
    content = b"<< /Length %d /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n" % len(raw) + raw + b"\nendstream"
    got = survey.survey(_one_page(content), CAP, TOKENS, 1)
    assert got.whole and got.content_bytes == len(b"BT /F1 12 Tf (x) Tj ET")

"""``budgetx show`` and ``budgetx validate --report`` through typer's CliRunner, and their HTML in a browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLE_PDF, SAMPLE_TXT
from PIL import Image
from typer.testing import CliRunner

from budgetx.cli.app import app

runner = CliRunner()
#: 100 dpi: an A4 page is 827 pixels wide
A4_WIDTH = 827


def offline(html: str) -> None:
    """No script, no resource from the network: every image is inlined."""
    assert "<script" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"url\(\s*['\"]?https?:", html)


def test_show_one_page_writes_one_png(tmp_path):
    out = tmp_path / "t2.png"
    result = runner.invoke(app, ["show", str(SAMPLE_PDF), "-t", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and not list(tmp_path.glob(".*part"))
    with Image.open(out) as image:
        assert image.format == "PNG" and image.size[0] == A4_WIDTH


def test_show_a_table_over_several_pages_writes_a_png_a_page(tmp_path):
    out = tmp_path / "t3.png"
    result = runner.invoke(app, ["show", str(SAMPLE_PDF), "-t", "3", "-o", str(out)])  # 表3: pages 6 and 7
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t3-p6.png", "t3-p7.png"]
    assert "t3-p6.png" in result.output


def test_show_html_holds_every_page_inline(tmp_path):
    out = tmp_path / "doc.html"
    result = runner.invoke(app, ["show", str(SAMPLE_PDF), "-p", "4", "-p", "5", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 2
    assert 'id="p4"' in html and 'id="p5"' in html and "name.shortened" in html
    offline(html)


def test_show_of_a_text_document_says_there_is_no_page_image(tmp_path):
    result = runner.invoke(app, ["show", str(SAMPLE_TXT), "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 16
    assert len(result.output.strip().splitlines()) == 1
    assert "no page image" in result.output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-o", "x.jpg"], ".png or .html"),
        (["-p", "99", "-o", "x.png"], "no page 99"),
        (["-t", "no-such-table", "-o", "x.png"], "no table matches"),
    ],
)
def test_show_usage_errors(tmp_path, argv, message):
    argv = [a if not a.startswith("x.") else str(tmp_path / a) for a in argv]
    result = runner.invoke(app, ["show", str(SAMPLE_PDF), *argv])
    assert result.exit_code == 2
    assert message in result.output
    assert not list(tmp_path.iterdir())


def test_validate_report_is_written_beside_the_text_report(tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["validate", str(SAMPLE_PDF), str(SAMPLE_TXT), "--report", str(out), "-q"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "2 documents" in html and html.count('class="finding info"') == 8
    offline(html)


def test_validate_report_names_a_file_it_could_not_read(tmp_path):
    out = tmp_path / "report.html"
    missing = tmp_path / "missing.pdf"
    result = runner.invoke(app, ["validate", str(SAMPLE_TXT), str(missing), "--report", str(out), "-q"])
    assert result.exit_code == 3
    assert "not checked: no such file" in out.read_text(encoding="utf-8")


def test_validate_report_that_cannot_be_written_exits_13(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = runner.invoke(app, ["validate", str(SAMPLE_TXT), "--report", str(blocker / "report.html"), "-q"])
    assert result.exit_code == 13
    assert "report.html" in result.output


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(page: Path, tmp_path: Path) -> Image.Image:
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            CHROMIUM or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1280,2000",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.is_file(), "chromium took no screenshot"
    return Image.open(shot).convert("RGB")


def not_blank(image: Image.Image) -> None:
    colours = image.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 50, "the screenshot is (nearly) one colour"


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_the_show_page_and_the_report_render_in_a_browser(tmp_path):
    shown = tmp_path / "show.html"
    assert runner.invoke(app, ["show", str(SAMPLE_PDF), "-t", "2", "-o", str(shown)]).exit_code == 0
    report = tmp_path / "report.html"
    assert runner.invoke(app, ["validate", str(SAMPLE_PDF), "--report", str(report), "-q"]).exit_code == 0
    for page in (shown, report):
        image = screenshot(page, tmp_path)
        assert image.size == (1280, 2000)
        not_blank(image)


def test_batch_writes_a_report_beside_its_dataset(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    shutil.copy(SAMPLE_TXT, docs / "sample.txt")
    (docs / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(docs), "-o", str(out), "-q", "-j", "1"])
    assert result.exit_code == 1, result.output  # the empty file failed
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "2 documents" in html and "not checked: " in html
    assert "4 findings less severe than warning not listed" in html
    assert not list(out.glob(".report.html.*"))
    offline(html)

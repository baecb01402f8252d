"""Scanned pages lying on their side or upside down are read turned upright."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import budgetx
from budgetx.export import csv as csv_export
from budgetx.readers.ocr import orientation

HERE = Path(__file__).parent / "fixtures" / "ocr"


@dataclass(frozen=True)
class W:
    text: str
    box: tuple[float, float, float, float]
    confidence: float


def across(n: int, confidence: float = 0.99) -> list[W]:
    return [W("一般公共预算", (10, 20 * k, 130, 20 * k + 16), confidence) for k in range(n)]


def down(n: int, confidence: float) -> list[W]:
    return [W("一般公共预算", (20 * k, 10, 20 * k + 16, 130), confidence) for k in range(n)]


def test_a_page_read_upright_tries_no_other_turn():
    words = across(20)
    assert orientation.upright(words)
    assert orientation.suspected(words) == []


def test_a_page_on_its_side_tries_the_quarter_turns_the_likelier_first():
    # the model reads a tall box turned a quarter counter-clockwise: read well, the page lay clockwise
    assert orientation.suspected(down(20, 0.98)) == [orientation.QUARTER, orientation.THREE_QUARTERS]
    assert orientation.suspected(down(20, 0.3)) == [orientation.THREE_QUARTERS, orientation.QUARTER]
    assert not orientation.upright(down(20, 0.98))


def test_a_page_read_with_little_confidence_tries_half_a_turn():
    assert orientation.suspected(across(10, 0.7)) == [orientation.HALF]


def test_too_little_text_says_nothing():
    assert orientation.suspected(across(2, 0.5)) == []
    assert orientation.suspected([]) == []


def test_the_reading_with_more_text_read_across_the_page_scores_higher():
    assert orientation.score(across(20)) > orientation.score(across(20, 0.7)[:5])
    assert orientation.score(down(20, 0.99)) == 0


def test_turn_is_counter_clockwise_by_quarters():
    np = pytest.importorskip("numpy")
    image = np.array([[1, 2], [3, 4]], dtype=np.uint8)
    assert orientation.turn(image, orientation.QUARTER).tolist() == [[2, 4], [1, 3]]
    assert orientation.turn(image, orientation.HALF).tolist() == [[4, 3], [2, 1]]


@pytest.mark.parametrize("rotation", ["ROTATE_90_CLOCKWISE", "ROTATE_180"])
def test_a_scan_turned_reads_as_the_upright_scan(tmp_path, rotation):
    pytest.importorskip("rapidocr_onnxruntime")
    cv2 = pytest.importorskip("cv2")
    picture = cv2.imread(str(HERE / "huzhou_p20_200dpi.jpg"), cv2.IMREAD_GRAYSCALE)
    path = tmp_path / "turned.png"
    cv2.imwrite(str(path), cv2.rotate(picture, getattr(cv2, rotation)))
    doc = budgetx.extract(path)
    assert len(doc.tables) == 1
    assert csv_export.dumps(doc, doc.tables) == (HERE / "huzhou_p20.truth.csv").read_bytes()
    quarters = {"ROTATE_90_CLOCKWISE": orientation.QUARTER, "ROTATE_180": orientation.HALF}[rotation]
    assert doc.source.turned == {1: quarters}


def test_the_turn_is_kept_in_the_json_and_show_draws_on_the_page_turned_alike(tmp_path):
    pytest.importorskip("rapidocr_onnxruntime")
    cv2 = pytest.importorskip("cv2")
    from budgetx.export.json import document_dict
    from budgetx.render.page import page_images

    picture = cv2.imread(str(HERE / "huzhou_p20_200dpi.jpg"), cv2.IMREAD_GRAYSCALE)
    path = tmp_path / "turned.png"
    cv2.imwrite(str(path), cv2.rotate(picture, cv2.ROTATE_90_COUNTERCLOCKWISE))
    doc = budgetx.extract(path)
    assert doc.source.turned == {1: orientation.THREE_QUARTERS}
    assert document_dict(doc)["source"]["turned"] == [{"page": 1, "quarters": 3}]
    with page_images(doc, path) as pages:
        drawn = pages.image(1)
    # drawn upright, as the page was printed (landscape), the table's box inside it
    height, width = picture.shape[:2]
    assert width > height and drawn.size[0] > drawn.size[1]
    _, _, x1, bottom = doc.tables[0].rows[0].bbox
    assert x1 * pages.scale <= drawn.size[0] and bottom * pages.scale <= drawn.size[1]

"""Reading a text PDF loads none of OCR's libraries: they are imported only when a page is read by OCR."""

from __future__ import annotations

from tests.test_cli_startup import loaded, modules_after

#: OCR's libraries, imported only by a page read by OCR
OCR_LIBRARIES = ("cv2", "onnxruntime", "rapidocr_onnxruntime", "pypdfium2", "budgetx.readers.ocr.engine")

TEXT_PDF = "samples/重庆市潼南区大数据应用发展管理局2021年部门预算.pdf"


def test_extracting_a_text_pdf_loads_no_ocr_library():
    modules = modules_after("extract", TEXT_PDF, "-q")
    assert loaded(modules, *OCR_LIBRARIES) == []

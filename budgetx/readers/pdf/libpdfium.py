"""libpdfium bound directly with ctypes: only the functions budgetx calls, with plain ``void *`` handles.

pypdfium2 ships the library (``pypdfium2_raw/libpdfium.so``); importing its
Python bindings (``pypdfium2`` or ``pypdfium2.raw``) declares every function
of pdfium's headers, which costs more than reading a short document.  This
module finds the shared library inside the installed ``pypdfium2_raw``
package without importing it (:func:`importlib.util.find_spec`), loads it
with :class:`ctypes.CDLL` and declares the few functions the pdfium reader
(:mod:`budgetx.readers.pdf.pdfium`) calls; handles are plain integers, which
keeps a page's tens of thousands of calls cheap.

The library is initialised once per process (:func:`api`).  pypdfium2, which
the OCR reader and the page renderer still use, loads the same file (the
same handle, the same globals) and initialises it again, which pdfium
ignores; pdfium is not thread-safe, so every call from budgetx, through this
module or through pypdfium2, holds :data:`LOCK`.
"""

from __future__ import annotations

import ctypes
import functools
import importlib.util
import os
import sys
import threading
from typing import Any

#: pdfium is not thread-safe: every call into it, from any reader, holds this lock
LOCK = threading.RLock()

# pdfium's constants (fpdfview.h, fpdf_edit.h)
ERR_PASSWORD = 4
PAGEOBJ_TEXT = 1
PAGEOBJ_PATH = 2
PAGEOBJ_FORM = 5
SEGMENT_BEZIERTO = 1
SEGMENT_MOVETO = 2
FILLMODE_NONE = 0


class FS_MATRIX(ctypes.Structure):
    _fields_ = [(name, ctypes.c_float) for name in ("a", "b", "c", "d", "e", "f")]


class FS_RECTF(ctypes.Structure):
    _fields_ = [(name, ctypes.c_float) for name in ("left", "top", "right", "bottom")]


class _Config(ctypes.Structure):
    """``FPDF_LIBRARY_CONFIG``, version 2 (what pypdfium2 passes too)."""

    _fields_ = [
        ("version", ctypes.c_int),
        ("m_pUserFontPaths", ctypes.c_void_p),
        ("m_pIsolate", ctypes.c_void_p),
        ("m_v8EmbedderSlot", ctypes.c_uint),
    ]


def library_path() -> str | None:
    """The path of the libpdfium shipped by the installed ``pypdfium2_raw`` (not imported), or ``None``."""
    try:
        spec = importlib.util.find_spec("pypdfium2_raw")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    if sys.platform.startswith(("win32", "cygwin", "msys")):
        name = "pdfium.dll"
    elif sys.platform.startswith(("darwin", "ios")):
        name = "libpdfium.dylib"
    else:
        name = "libpdfium.so"
    for folder in spec.submodule_search_locations:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    return None


class Api:
    """The pdfium functions budgetx calls, each a ctypes prototype over ``void *`` handles."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        vp, i, f, d, u = ctypes.c_void_p, ctypes.c_int, ctypes.c_float, ctypes.c_double, ctypes.c_uint
        pf = ctypes.POINTER(ctypes.c_float)

        def proto(name: str, restype: Any, *argtypes: Any) -> Any:
            return ctypes.CFUNCTYPE(restype, *argtypes)((name, lib))

        self.init = proto("FPDF_InitLibraryWithConfig", None, ctypes.POINTER(_Config))
        # documents and pages
        self.load_document = proto("FPDF_LoadMemDocument64", vp, vp, ctypes.c_size_t, ctypes.c_char_p)
        self.close_document = proto("FPDF_CloseDocument", None, vp)
        self.last_error = proto("FPDF_GetLastError", ctypes.c_ulong)
        self.valid_xref = proto("FPDF_DocumentHasValidCrossReferenceTable", i, vp)
        self.page_count = proto("FPDF_GetPageCount", i, vp)
        self.load_page = proto("FPDF_LoadPage", vp, vp, i)
        self.close_page = proto("FPDF_ClosePage", None, vp)
        self.media_box = proto("FPDFPage_GetMediaBox", i, vp, pf, pf, pf, pf)
        self.rotation = proto("FPDFPage_GetRotation", i, vp)
        # text
        self.load_text = proto("FPDFText_LoadPage", vp, vp)
        self.close_text = proto("FPDFText_ClosePage", None, vp)
        self.count_chars = proto("FPDFText_CountChars", i, vp)
        self.get_text = proto("FPDFText_GetText", i, vp, i, i, vp)
        self.get_unicode = proto("FPDFText_GetUnicode", u, vp, i)
        self.is_generated = proto("FPDFText_IsGenerated", i, vp, i)
        self.text_object = proto("FPDFText_GetTextObject", vp, vp, i)
        self.loose_box = proto("FPDFText_GetLooseCharBox", i, vp, i, vp)
        pd = ctypes.POINTER(ctypes.c_double)
        self.char_box = proto("FPDFText_GetCharBox", i, vp, i, pd, pd, pd, pd)
        self.origin = proto("FPDFText_GetCharOrigin", i, vp, i, vp, vp)
        self.font_size = proto("FPDFText_GetFontSize", d, vp, i)
        self.char_matrix = proto("FPDFText_GetMatrix", i, vp, i, vp)
        self.text_font = proto("FPDFTextObj_GetFont", vp, vp)
        self.text_font_size = proto("FPDFTextObj_GetFontSize", i, vp, vp)
        self.glyph_width = proto("FPDFFont_GetGlyphWidth", i, vp, u, f, vp)
        self.ascent = proto("FPDFFont_GetAscent", i, vp, f, vp)
        self.descent = proto("FPDFFont_GetDescent", i, vp, f, vp)
        # the font's /BaseFont (named FPDFFont_GetFontName before pdfium 6569)
        self.font_name = _first(
            proto, ("FPDFFont_GetBaseFontName", "FPDFFont_GetFontName"), ctypes.c_size_t, vp, vp, ctypes.c_size_t
        )
        # page objects and paths
        self.count_objects = proto("FPDFPage_CountObjects", i, vp)
        self.page_object = proto("FPDFPage_GetObject", vp, vp, i)
        self.object_type = proto("FPDFPageObj_GetType", i, vp)
        self.object_matrix = proto("FPDFPageObj_GetMatrix", i, vp, vp)
        self.object_bounds = proto("FPDFPageObj_GetBounds", i, vp, pf, pf, pf, pf)
        self.form_count = proto("FPDFFormObj_CountObjects", i, vp)
        self.form_object = proto("FPDFFormObj_GetObject", vp, vp, ctypes.c_ulong)
        self.draw_mode = proto("FPDFPath_GetDrawMode", i, vp, vp, vp)
        self.count_segments = proto("FPDFPath_CountSegments", i, vp)
        self.segment = proto("FPDFPath_GetPathSegment", vp, vp, i)
        self.segment_type = proto("FPDFPathSegment_GetType", i, vp)
        self.segment_point = proto("FPDFPathSegment_GetPoint", i, vp, vp, vp)
        self.segment_close = proto("FPDFPathSegment_GetClose", i, vp)
        self.stroke_colour = proto("FPDFPageObj_GetStrokeColor", i, vp, vp, vp, vp, vp)
        self.fill_colour = proto("FPDFPageObj_GetFillColor", i, vp, vp, vp, vp, vp)


def _first(proto: Any, names: tuple[str, ...], restype: Any, *argtypes: Any) -> Any:
    """The first of these functions the library has (raises AttributeError when it has none)."""
    for name in names:
        try:
            return proto(name, restype, *argtypes)
        except AttributeError:
            continue
    raise AttributeError(names[0])


@functools.cache
def api() -> Api | None:
    """The bound library, initialised (once per process); ``None`` when pypdfium2 is not installed
    or its library cannot be loaded."""
    path = library_path()
    if path is None:
        return None
    try:
        bound = Api(ctypes.CDLL(path))
    except (OSError, AttributeError):  # pragma: no cover - a broken install
        return None
    config = _Config(version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0)
    with LOCK:
        bound.init(ctypes.byref(config))  # pdfium ignores a second initialisation (pypdfium2's)
    return bound

"""pdfium's answers about every char, text object, page object and path, asked in one call where possible.

The pdfium reader (:mod:`budgetx.readers.pdf.pdfium`) asks pdfium several
questions of every char of a page, every text object, every page object and
every path and its segments.  Through ctypes each question costs about half a
microsecond of Python, more than pdfium takes to answer it, and a page has
thousands.  The optional C
extension :mod:`budgetx.readers.pdf._loops` (``_loops.c``, built at install
when a C compiler is there) asks them in a C loop and returns packed records;
without it the same questions go through ctypes one by one.  Both ways give the
same tuples (``tests/test_pdf_loops.py``), so the reader does not know which ran.

The caller holds pdfium's lock (:data:`budgetx.readers.pdf.libpdfium.LOCK`).
"""

from __future__ import annotations

import ctypes
import os
import struct
from collections.abc import Callable
from typing import Any

from budgetx.readers.pdf import libpdfium

try:
    from budgetx.readers.pdf import _loops  # type: ignore[attr-defined]
except ImportError:  # built without a C compiler
    _loops = None

#: ``BUDGETX_PDF_LOOPS=ctypes`` makes the calls through ctypes even when the C loops are built
ENV = "BUDGETX_PDF_LOOPS"

#: a char: (its text object, origin x, origin y, loose box left, bottom, right, top, flags, 0)
CHAR = struct.Struct("<QddffffiI")
#: the first char of a text object after a char of another: (its index, flags, font size, its matrix's
#: a, b, c, d, its text object's font)
RUN = struct.Struct("<iidffffQ")
#: a path object: (flags, fill mode, stroke, stroke RGBA, fill RGBA, its matrix a to f), then its segments
PATH = struct.Struct("<iii4I4I6f")
#: a page object: (its handle, its type, 0)
OBJECT = struct.Struct("<Qii")
#: a path segment: (its type, flags, x, y)
SEGMENT = struct.Struct("<iiff")

#: the blanks and line breaks pdfium may make up (GENERATED is asked of these only)
BLANKS = "\r\n \t\u3000\xa0"
#: CHAR flags: pdfium made the char up (one of BLANKS); its box and origin are known
GENERATED, BOXED = 1, 2
#: SEGMENT flags: its point is known; it closes its subpath
POINT, CLOSE = 1, 2
#: RUN flags: the matrix is known
MATRIX = 1
#: PATH flags: its matrix, its draw mode, its stroke colour, its fill colour are known
PATH_MATRIX, PATH_MODE, PATH_STROKE, PATH_FILL = 1, 2, 4, 8

CharRecord = tuple[int, float, float, float, float, float, float, int, int]
RunRecord = tuple[int, int, float, float, float, float, float, int]
PathRecord = tuple[Any, ...]  # see PATH
ObjectRecord = tuple[int, int, int]
SegmentRecord = tuple[int, int, float, float]


def compiled() -> bool:
    """True when the C loops are built and not turned off by :data:`ENV`."""
    return _loops is not None and os.environ.get(ENV, "").strip().lower() != "ctypes"


class Loops:
    """The questions of chars, objects and paths, over one bound library
    (:class:`budgetx.readers.pdf.libpdfium.Api`); ``native``: in C (the default when built) or through ctypes."""

    def __init__(self, api: libpdfium.Api, native: bool | None = None) -> None:
        self.api = api
        self.native = compiled() if native is None else native and _loops is not None

        def address(fn: Any) -> int:
            return int(ctypes.cast(fn, ctypes.c_void_p).value or 0)

        char_fns = (api.get_unicode, api.is_generated, api.text_object, api.loose_box, api.origin)
        self._char_fns = tuple(map(address, (*char_fns, api.font_size, api.char_matrix, api.text_font)))
        self._object_fns = tuple(map(address, (api.page_object, api.object_type)))
        self._form_fns = tuple(map(address, (api.form_object, api.object_type)))
        path_fns = (api.object_matrix, api.draw_mode, api.stroke_colour, api.fill_colour)
        segment_fns = (api.count_segments, api.segment, api.segment_type, api.segment_point, api.segment_close)
        self._path_fns = tuple(map(address, (*path_fns, *segment_fns)))
        self.chars: Callable[[int, str], tuple[list[CharRecord], dict[int, RunRecord]]]
        self.objects: Callable[[int], list[ObjectRecord]]
        self.form_objects: Callable[[int], list[ObjectRecord]]
        self.path: Callable[[int], tuple[PathRecord, list[SegmentRecord]]]
        # the ctypes calls' out-parameters, allocated once
        self._box, self._x, self._y = libpdfium.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        self._pbox, self._px, self._py = ctypes.byref(self._box), ctypes.byref(self._x), ctypes.byref(self._y)
        self._m = libpdfium.FS_MATRIX()
        self._pm = ctypes.byref(self._m)
        self._mode = (ctypes.c_int(), ctypes.c_int())
        self._pmode = tuple(map(ctypes.byref, self._mode))
        self._rgba = tuple(ctypes.c_uint() for _ in range(4))
        self._prgba = tuple(map(ctypes.byref, self._rgba))
        self._xy = (ctypes.c_float(), ctypes.c_float())
        self._pxy = tuple(map(ctypes.byref, self._xy))
        if self.native:
            self.chars, self.objects = self._c_chars, self._c_objects
            self.form_objects, self.path = self._c_form_objects, self._c_path
        else:
            self.chars, self.objects = self._py_chars, self._py_objects
            self.form_objects, self.path = self._py_form_objects, self._py_path

    # -- C ----------------------------------------------------------------------

    def _c_chars(self, text_page: int, text: str) -> tuple[list[CharRecord], dict[int, RunRecord]]:
        """Each char of the text page (``text``: their unicode values, one per char; see :data:`CHAR`),
        and by its index each char whose text object is not that of the last char before it with one
        (see :data:`RUN`)."""
        chars, runs = _loops.chars(text_page, len(text), *self._char_fns)
        return list(CHAR.iter_unpack(chars)), {run[0]: run for run in RUN.iter_unpack(runs)}

    def _c_objects(self, page: int) -> list[ObjectRecord]:
        """Each object of a page, in content order (see :data:`OBJECT`)."""
        count = self.api.count_objects(page)
        return list(OBJECT.iter_unpack(_loops.objects(page, count, *self._object_fns)))

    def _c_form_objects(self, form: int) -> list[ObjectRecord]:
        """Each object of a form object, in content order."""
        count = self.api.form_count(form)
        return list(OBJECT.iter_unpack(_loops.objects(form, count, *self._form_fns)))

    def _c_path(self, path: int) -> tuple[PathRecord, list[SegmentRecord]]:
        """A path object (see :data:`PATH`) and each of its segments (see :data:`SEGMENT`)."""
        got = _loops.path(path, *self._path_fns)
        return PATH.unpack_from(got), list(SEGMENT.iter_unpack(memoryview(got)[PATH.size :]))

    # -- ctypes -------------------------------------------------------------------

    def _py_chars(self, text_page: int, text: str) -> tuple[list[CharRecord], dict[int, RunRecord]]:
        api = self.api
        is_generated, text_object, loose_box, origin = api.is_generated, api.text_object, api.loose_box, api.origin
        box, x, y = self._box, self._x, self._y
        pbox, px, py = self._pbox, self._px, self._py
        m = self._m
        out: list[CharRecord] = []
        runs: dict[int, RunRecord] = {}
        last = 0
        for i, t in enumerate(text):
            flags = GENERATED if t in BLANKS and is_generated(text_page, i) else 0
            obj = text_object(text_page, i) or 0
            if obj and obj != last:
                size = api.font_size(text_page, i)
                if api.char_matrix(text_page, i, self._pm):
                    runs[i] = (i, MATRIX, size, m.a, m.b, m.c, m.d, api.text_font(obj) or 0)
                else:
                    runs[i] = (i, 0, size, 0.0, 0.0, 0.0, 0.0, api.text_font(obj) or 0)
                last = obj
            if loose_box(text_page, i, pbox) and origin(text_page, i, px, py):
                out.append((obj, x.value, y.value, box.left, box.bottom, box.right, box.top, flags | BOXED, 0))
            else:
                out.append((obj, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, flags, 0))
        return out, runs

    def _py_objects(self, page: int) -> list[ObjectRecord]:
        api = self.api
        return _typed(api, [api.page_object(page, k) or 0 for k in range(api.count_objects(page))])

    def _py_form_objects(self, form: int) -> list[ObjectRecord]:
        api = self.api
        return _typed(api, [api.form_object(form, k) or 0 for k in range(api.form_count(form))])

    def _py_path(self, path: int) -> tuple[PathRecord, list[SegmentRecord]]:
        api = self.api
        flags = 0
        m = self._m
        matrix = (0.0,) * 6
        if api.object_matrix(path, self._pm):
            flags |= PATH_MATRIX
            matrix = (m.a, m.b, m.c, m.d, m.e, m.f)
        fill_mode, stroke = self._mode
        modes = (0, 0)
        if api.draw_mode(path, *self._pmode):
            flags |= PATH_MODE
            modes = (fill_mode.value, stroke.value)
        colours: list[int] = []
        rgba = self._rgba
        for get, flag in ((api.stroke_colour, PATH_STROKE), (api.fill_colour, PATH_FILL)):
            if get(path, *self._prgba):
                flags |= flag
                colours.extend(v.value for v in rgba)
            else:
                colours.extend((0, 0, 0, 0))
        return (flags, *modes, *colours, *matrix), self._py_segments(path)

    def _py_segments(self, path: int) -> list[SegmentRecord]:
        api = self.api
        segment, segment_type, segment_point, segment_close = (
            api.segment,
            api.segment_type,
            api.segment_point,
            api.segment_close,
        )
        x, y = self._xy
        px, py = self._pxy
        out: list[SegmentRecord] = []
        for k in range(api.count_segments(path)):
            seg = segment(path, k)
            if not seg:
                out.append((-1, 0, 0.0, 0.0))
                continue
            kind = segment_type(seg)
            if segment_point(seg, px, py):
                flags = POINT | CLOSE if segment_close(seg) else POINT
                out.append((kind, flags, x.value, y.value))
            else:
                out.append((kind, CLOSE if segment_close(seg) else 0, 0.0, 0.0))
        return out


def _typed(api: libpdfium.Api, handles: list[int]) -> list[ObjectRecord]:
    return [(h, api.object_type(h) if h else 0, 0) for h in handles]

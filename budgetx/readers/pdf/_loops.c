/*
 * budgetx.readers.pdf._loops: the pdfium reader's per-char, per-object and per-segment loops in C.
 *
 * The pdfium reader (budgetx/readers/pdf/pdfium.py) asks pdfium, through ctypes, several
 * questions of every char of a page (its text object, its loose box, its origin), of every page
 * object (its type) and of every path segment (its type, point and close flag).  Each ctypes
 * call costs far more than pdfium takes to answer it.  These functions ask the same questions
 * in a C loop and return the answers packed in a bytes object, one fixed-size record per item,
 * which the reader unpacks with the struct module (formats CHAR, OBJECT and SEGMENT in
 * pdfium.py).  They call pdfium through the function addresses the reader passes (those of its
 * ctypes prototypes, budgetx/readers/pdf/libpdfium.py), so this module links against nothing
 * but Python.  The reader holds pdfium's lock around every call; the GIL is released meanwhile.
 *
 * Optional: without a C compiler the package installs without it and the reader makes the same
 * calls through ctypes (tests/test_pdf_loops.py checks both ways give the same records).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    float left, top, right, bottom;
} RectF;

/* fpdf_text.h */
typedef int (*is_generated_fn)(void *text_page, int index);
typedef void *(*text_object_fn)(void *text_page, int index);
typedef int (*loose_box_fn)(void *text_page, int index, RectF *rect);
typedef int (*origin_fn)(void *text_page, int index, double *x, double *y);
/* fpdf_edit.h */
typedef void *(*get_object_fn)(void *parent, int index);
typedef int (*object_type_fn)(void *object);
typedef int (*count_segments_fn)(void *path);
typedef void *(*segment_fn)(void *path, int index);
typedef int (*segment_type_fn)(void *segment);
typedef int (*segment_point_fn)(void *segment, float *x, float *y);
typedef int (*segment_close_fn)(void *segment);

/* one char: pdfium.CHAR = "<QddffffiI" */
typedef struct {
    uint64_t object; /* its text object (0: none) */
    double x, y;     /* its origin (valid with CHAR_BOXED) */
    float left, bottom, right, top; /* its loose box (valid with CHAR_BOXED) */
    int32_t flags;   /* CHAR_GENERATED, CHAR_BOXED */
    uint32_t reserved;
} CharRecord;

/* one page object: pdfium.OBJECT = "<Qii" */
typedef struct {
    uint64_t object;
    int32_t type;
    int32_t reserved;
} ObjectRecord;

/* one path segment: pdfium.SEGMENT = "<iiff" */
typedef struct {
    int32_t type;  /* pdfium's FPDF_SEGMENT_* */
    int32_t flags; /* SEGMENT_POINT, SEGMENT_CLOSE */
    float x, y;
} SegmentRecord;

enum { CHAR_GENERATED = 1, CHAR_BOXED = 2 };
enum { SEGMENT_POINT = 1, SEGMENT_CLOSE = 2 };

#define FN(type, value) ((type)(uintptr_t)(value))
#define HANDLE(value) ((void *)(uintptr_t)(value))

static PyObject *records(Py_ssize_t count, size_t size, char **data) {
    if (count < 0) count = 0;
    if ((size_t)count > (size_t)PY_SSIZE_T_MAX / size) return PyErr_NoMemory();
    PyObject *out = PyBytes_FromStringAndSize(NULL, count * (Py_ssize_t)size);
    if (out != NULL) {
        *data = PyBytes_AS_STRING(out);
        memset(*data, 0, (size_t)count * size);
    }
    return out;
}

PyDoc_STRVAR(chars_doc,
             "chars(text_page, count, is_generated, text_object, loose_box, origin) -> bytes\n\n"
             "A CharRecord for each of the text page's first ``count`` chars.");

static PyObject *chars(PyObject *self, PyObject *args) {
    unsigned long long text_page, f_generated, f_object, f_box, f_origin;
    Py_ssize_t count;
    if (!PyArg_ParseTuple(args, "KnKKKK", &text_page, &count, &f_generated, &f_object, &f_box, &f_origin))
        return NULL;
    char *data = NULL;
    PyObject *out = records(count, sizeof(CharRecord), &data);
    if (out == NULL) return NULL;
    CharRecord *r = (CharRecord *)data;
    is_generated_fn generated = FN(is_generated_fn, f_generated);
    text_object_fn object = FN(text_object_fn, f_object);
    loose_box_fn box = FN(loose_box_fn, f_box);
    origin_fn origin = FN(origin_fn, f_origin);
    void *tp = HANDLE(text_page);
    Py_BEGIN_ALLOW_THREADS
    for (int i = 0; i < (int)count; i++, r++) {
        RectF b;
        if (generated(tp, i)) r->flags |= CHAR_GENERATED;
        r->object = (uint64_t)(uintptr_t)object(tp, i);
        if (box(tp, i, &b) && origin(tp, i, &r->x, &r->y)) {
            r->flags |= CHAR_BOXED;
            r->left = b.left;
            r->bottom = b.bottom;
            r->right = b.right;
            r->top = b.top;
        } else {
            r->x = r->y = 0.0;
        }
    }
    Py_END_ALLOW_THREADS
    return out;
}

PyDoc_STRVAR(objects_doc,
             "objects(parent, count, get_object, object_type) -> bytes\n\n"
             "An ObjectRecord for each of the first ``count`` objects of a page or a form object.");

static PyObject *objects(PyObject *self, PyObject *args) {
    unsigned long long parent, f_get, f_type;
    Py_ssize_t count;
    if (!PyArg_ParseTuple(args, "KnKK", &parent, &count, &f_get, &f_type)) return NULL;
    char *data = NULL;
    PyObject *out = records(count, sizeof(ObjectRecord), &data);
    if (out == NULL) return NULL;
    ObjectRecord *r = (ObjectRecord *)data;
    get_object_fn get = FN(get_object_fn, f_get);
    object_type_fn type = FN(object_type_fn, f_type);
    void *p = HANDLE(parent);
    Py_BEGIN_ALLOW_THREADS
    for (int i = 0; i < (int)count; i++, r++) {
        void *obj = get(p, i);
        r->object = (uint64_t)(uintptr_t)obj;
        r->type = obj != NULL ? type(obj) : 0;
    }
    Py_END_ALLOW_THREADS
    return out;
}

PyDoc_STRVAR(segments_doc,
             "segments(path, count_segments, segment, segment_type, segment_point, segment_close) -> bytes\n\n"
             "A SegmentRecord for each segment of a path object.");

static PyObject *segments(PyObject *self, PyObject *args) {
    unsigned long long path, f_count, f_segment, f_type, f_point, f_close;
    if (!PyArg_ParseTuple(args, "KKKKKK", &path, &f_count, &f_segment, &f_type, &f_point, &f_close)) return NULL;
    void *p = HANDLE(path);
    int count = FN(count_segments_fn, f_count)(p);
    char *data = NULL;
    PyObject *out = records(count, sizeof(SegmentRecord), &data);
    if (out == NULL) return NULL;
    SegmentRecord *r = (SegmentRecord *)data;
    segment_fn segment = FN(segment_fn, f_segment);
    segment_type_fn type = FN(segment_type_fn, f_type);
    segment_point_fn point = FN(segment_point_fn, f_point);
    segment_close_fn close = FN(segment_close_fn, f_close);
    Py_BEGIN_ALLOW_THREADS
    for (int i = 0; i < count; i++, r++) {
        void *seg = segment(p, i);
        if (seg == NULL) {
            r->type = -1;
            continue;
        }
        r->type = type(seg);
        if (point(seg, &r->x, &r->y)) r->flags |= SEGMENT_POINT;
        if (close(seg)) r->flags |= SEGMENT_CLOSE;
    }
    Py_END_ALLOW_THREADS
    return out;
}

static PyMethodDef methods[] = {
    {"chars", chars, METH_VARARGS, chars_doc},
    {"objects", objects, METH_VARARGS, objects_doc},
    {"segments", segments, METH_VARARGS, segments_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "budgetx.readers.pdf._loops",
    "The pdfium reader's per-char, per-object and per-segment loops in C (see the source's head).",
    -1,
    methods,
};

PyMODINIT_FUNC PyInit__loops(void) { return PyModule_Create(&module); }

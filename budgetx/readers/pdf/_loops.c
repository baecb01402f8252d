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
typedef unsigned int (*get_unicode_fn)(void *text_page, int index);
typedef int (*is_generated_fn)(void *text_page, int index);
typedef void *(*text_object_fn)(void *text_page, int index);
typedef int (*loose_box_fn)(void *text_page, int index, RectF *rect);
typedef int (*origin_fn)(void *text_page, int index, double *x, double *y);
typedef double (*font_size_fn)(void *text_page, int index);
typedef int (*char_matrix_fn)(void *text_page, int index, float *matrix);
typedef void *(*text_font_fn)(void *text_object);
/* fpdf_edit.h */
typedef void *(*get_object_fn)(void *parent, int index);
typedef int (*object_type_fn)(void *object);
typedef int (*count_segments_fn)(void *path);
typedef void *(*segment_fn)(void *path, int index);
typedef int (*segment_type_fn)(void *segment);
typedef int (*segment_point_fn)(void *segment, float *x, float *y);
typedef int (*segment_close_fn)(void *segment);
typedef int (*object_matrix_fn)(void *object, float *matrix);
typedef int (*draw_mode_fn)(void *path, int *fill_mode, int *stroke);
typedef int (*colour_fn)(void *object, unsigned int *r, unsigned int *g, unsigned int *b, unsigned int *a);

/* one char: pdfium.CHAR = "<QddffffiI" */
typedef struct {
    uint64_t object; /* its text object (0: none) */
    double x, y;     /* its origin (valid with CHAR_BOXED) */
    float left, bottom, right, top; /* its loose box (valid with CHAR_BOXED) */
    int32_t flags;   /* CHAR_GENERATED, CHAR_BOXED */
    uint32_t reserved;
} CharRecord;

/* the first char of a text object after a char of another: loops.RUN = "<iidffffQ" */
typedef struct {
    int32_t index;   /* the char's index in the text page */
    int32_t flags;   /* RUN_MATRIX */
    double font_size;
    float a, b, c, d; /* the char's matrix (valid with RUN_MATRIX) */
    uint64_t font;    /* its text object's font (0: none) */
} RunRecord;

/* a path object, before its segments: loops.PATH = "<iii4I4I6f" (4-byte fields, no padding) */
typedef struct {
    int32_t flags;     /* PATH_MATRIX, PATH_MODE, PATH_STROKE_COLOUR, PATH_FILL_COLOUR */
    int fill_mode;     /* pdfium's FPDF_FILLMODE_* (valid with PATH_MODE) */
    int stroke;        /* (valid with PATH_MODE) */
    unsigned int stroke_colour[4], fill_colour[4]; /* RGBA, 0 to 255 */
    float matrix[6];   /* the object's own matrix (valid with PATH_MATRIX) */
} PathRecord;

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
enum { RUN_MATRIX = 1 };
enum { PATH_MATRIX = 1, PATH_MODE = 2, PATH_STROKE_COLOUR = 4, PATH_FILL_COLOUR = 8 };

/* the blanks and line breaks pdfium may make up (loops.BLANKS): only these are asked whether it did */
static int blank(unsigned int u) {
    return u == '\r' || u == '\n' || u == ' ' || u == '\t' || u == 0x3000 || u == 0xA0;
}

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
             "chars(text_page, count, get_unicode, is_generated, text_object, loose_box, origin, font_size, "
             "char_matrix, text_font) -> (bytes, bytes)\n\n"
             "A CharRecord for each of the text page's first ``count`` chars, and a RunRecord for each char\n"
             "whose text object is not the one of the char with an object before it.");

static PyObject *chars(PyObject *self, PyObject *args) {
    unsigned long long text_page, f_unicode, f_generated, f_object, f_box, f_origin, f_size, f_matrix, f_font;
    Py_ssize_t count;
    if (!PyArg_ParseTuple(args, "KnKKKKKKKK", &text_page, &count, &f_unicode, &f_generated, &f_object, &f_box,
                          &f_origin, &f_size, &f_matrix, &f_font))
        return NULL;
    char *data = NULL;
    PyObject *out = records(count, sizeof(CharRecord), &data);
    if (out == NULL) return NULL;
    /* at most one run per char: a buffer sized for that, copied out as far as it was filled */
    RunRecord *run_data = PyMem_Calloc(count > 0 ? (size_t)count : 1, sizeof(RunRecord));
    if (run_data == NULL) {
        Py_DECREF(out);
        return PyErr_NoMemory();
    }
    CharRecord *r = (CharRecord *)data;
    RunRecord *run = run_data;
    Py_ssize_t found = 0;
    get_unicode_fn unicode = FN(get_unicode_fn, f_unicode);
    is_generated_fn generated = FN(is_generated_fn, f_generated);
    text_object_fn object = FN(text_object_fn, f_object);
    loose_box_fn box = FN(loose_box_fn, f_box);
    origin_fn origin = FN(origin_fn, f_origin);
    font_size_fn font_size = FN(font_size_fn, f_size);
    char_matrix_fn char_matrix = FN(char_matrix_fn, f_matrix);
    text_font_fn text_font = FN(text_font_fn, f_font);
    void *tp = HANDLE(text_page);
    void *last = NULL;
    Py_BEGIN_ALLOW_THREADS
    for (int i = 0; i < (int)count; i++, r++) {
        RectF b;
        if (blank(unicode(tp, i)) && generated(tp, i)) r->flags |= CHAR_GENERATED;
        void *obj = object(tp, i);
        r->object = (uint64_t)(uintptr_t)obj;
        if (obj != NULL && obj != last) {
            float m[6];
            run->index = i;
            run->font_size = font_size(tp, i);
            if (char_matrix(tp, i, m)) {
                run->flags |= RUN_MATRIX;
                run->a = m[0];
                run->b = m[1];
                run->c = m[2];
                run->d = m[3];
            }
            run->font = (uint64_t)(uintptr_t)text_font(obj);
            run++;
            found++;
            last = obj;
        }
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
    PyObject *runs = PyBytes_FromStringAndSize((const char *)run_data, found * (Py_ssize_t)sizeof(RunRecord));
    PyMem_Free(run_data);
    if (runs == NULL) {
        Py_DECREF(out);
        return NULL;
    }
    return Py_BuildValue("(NN)", out, runs);
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

PyDoc_STRVAR(path_doc,
             "path(path, object_matrix, draw_mode, stroke_colour, fill_colour, count_segments, segment,\n"
             "     segment_type, segment_point, segment_close) -> bytes\n\n"
             "A path object's PathRecord, then a SegmentRecord for each of its segments.");

static PyObject *path(PyObject *self, PyObject *args) {
    unsigned long long handle, f_matrix, f_mode, f_stroke, f_fill, f_count, f_segment, f_type, f_point, f_close;
    if (!PyArg_ParseTuple(args, "KKKKKKKKKK", &handle, &f_matrix, &f_mode, &f_stroke, &f_fill, &f_count,
                          &f_segment, &f_type, &f_point, &f_close))
        return NULL;
    void *p = HANDLE(handle);
    int count = FN(count_segments_fn, f_count)(p);
    if (count < 0) count = 0;
    if ((size_t)count > ((size_t)PY_SSIZE_T_MAX - sizeof(PathRecord)) / sizeof(SegmentRecord))
        return PyErr_NoMemory();
    Py_ssize_t size = (Py_ssize_t)(sizeof(PathRecord) + (size_t)count * sizeof(SegmentRecord));
    PyObject *out = PyBytes_FromStringAndSize(NULL, size);
    if (out == NULL) return NULL;
    char *data = PyBytes_AS_STRING(out);
    memset(data, 0, (size_t)size);
    PathRecord *head = (PathRecord *)data;
    SegmentRecord *r = (SegmentRecord *)(data + sizeof(PathRecord));
    segment_fn segment = FN(segment_fn, f_segment);
    segment_type_fn type = FN(segment_type_fn, f_type);
    segment_point_fn point = FN(segment_point_fn, f_point);
    segment_close_fn close = FN(segment_close_fn, f_close);
    colour_fn stroke = FN(colour_fn, f_stroke), fill = FN(colour_fn, f_fill);
    Py_BEGIN_ALLOW_THREADS
    if (FN(object_matrix_fn, f_matrix)(p, head->matrix)) head->flags |= PATH_MATRIX;
    else memset(head->matrix, 0, sizeof(head->matrix));
    if (FN(draw_mode_fn, f_mode)(p, &head->fill_mode, &head->stroke)) head->flags |= PATH_MODE;
    else head->fill_mode = head->stroke = 0;
    unsigned int *c = head->stroke_colour;
    if (stroke(p, &c[0], &c[1], &c[2], &c[3])) head->flags |= PATH_STROKE_COLOUR;
    else memset(c, 0, sizeof(head->stroke_colour));
    c = head->fill_colour;
    if (fill(p, &c[0], &c[1], &c[2], &c[3])) head->flags |= PATH_FILL_COLOUR;
    else memset(c, 0, sizeof(head->fill_colour));
    for (int i = 0; i < count; i++, r++) {
        void *seg = segment(p, i);
        if (seg == NULL) {
            r->type = -1;
            continue;
        }
        r->type = type(seg);
        if (point(seg, &r->x, &r->y)) r->flags |= SEGMENT_POINT;
        else r->x = r->y = 0.0f;
        if (close(seg)) r->flags |= SEGMENT_CLOSE;
    }
    Py_END_ALLOW_THREADS
    return out;
}

static PyMethodDef methods[] = {
    {"chars", chars, METH_VARARGS, chars_doc},
    {"objects", objects, METH_VARARGS, objects_doc},
    {"path", path, METH_VARARGS, path_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "budgetx.readers.pdf._loops",
    "The pdfium reader's per-char, per-object and per-segment loops in C (see the source's head).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit__loops(void) { return PyModule_Create(&module); }

"""Drawing what budgetx read over the page it read it from.

:mod:`~budgetx.render.page` renders a PDF page to an image (pdfium, through
``pypdfium2``, which pdfplumber already needs); :mod:`~budgetx.render.marks`
turns a table and its findings into marks on its pages (the table, its header,
rows, columns by type, the cells of each finding) from the boxes the model keeps
(:attr:`Table.boxes <budgetx.model.Table.boxes>`, :meth:`Row.cell_box
<budgetx.model.Row.cell_box>`, :attr:`Finding.cells <budgetx.model.Finding.cells>`);
:mod:`~budgetx.render.overlay` draws marks on a page image;
:mod:`~budgetx.render.html` writes self-contained pages (images inlined) and
:mod:`~budgetx.render.report` the validation report with a crop of the page
around each finding.
"""

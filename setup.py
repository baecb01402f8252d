"""The optional C loops of the pdfium reader (budgetx/readers/pdf/_loops.c); everything else is in pyproject.toml.

``optional=True``: without a C compiler the package installs without them and the
reader makes the same calls through ctypes.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("budgetx.readers.pdf._loops", ["budgetx/readers/pdf/_loops.c"], optional=True),
    ],
)

"""Self-contained HTML pages: images inlined as data URIs, no script, no network resource.

:func:`show_page` is ``budgetx show -o x.html``: every drawn page under a
legend of the colours, each with the findings drawn on it.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape

from budgetx.model import Document, Finding
from budgetx.render.overlay import SEVERITY_COLOURS, STYLES, hex_colour
from budgetx.render.show import DrawnPage, png

CSS = """
body { font: 14px/1.45 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; margin: 0 0 .3em; } h2 { font-size: 1.15em; margin: 1.6em 0 .4em; }
h3 { font-size: 1em; margin: 1.2em 0 .3em; }
.meta { color: #666; }
.legend span { display: inline-block; margin: 0 1em .3em 0; }
.swatch { display: inline-block; width: 1.1em; height: .9em; vertical-align: -.1em; margin-right: .3em;
  border: 2px solid; }
table.grid { border-collapse: collapse; margin: .4em 0 1em; }
table.grid th, table.grid td { border: 1px solid #ccc; padding: .2em .6em; text-align: left; }
table.grid td.num, table.grid th.num { text-align: right; font-variant-numeric: tabular-nums; }
.page img, .crop img { max-width: 100%; border: 1px solid #bbb; }
.finding { border-left: 5px solid #999; padding: .3em .8em; margin: .8em 0 1.2em; background: #fafafa; }
.finding.error { border-color: #d62728; } .finding.warning { border-color: #f0a500; }
.finding.info { border-color: #17a0aa; }
.sev { font-weight: bold; text-transform: uppercase; font-size: .85em; }
.sev.error { color: #d62728; } .sev.warning { color: #b07800; } .sev.info { color: #0f7f88; }
.figures td { padding-right: 1.2em; } .figures .v { font-variant-numeric: tabular-nums; }
.en { color: #555; font-size: .92em; }
.ok { color: #1a7f37; font-weight: bold; } .failed { color: #d62728; font-weight: bold; }
"""

_LEGEND = (
    ("table", "table"),
    ("header", "header rows"),
    ("row", "row"),
    ("code", "code column"),
    ("name", "name column"),
    ("amount", "amount column"),
    ("text", "text column"),
)


def data_uri(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def document(title: str, body: Iterable[str]) -> str:
    """A whole HTML page around ``body``."""
    return (
        '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def legend(*, tables: bool = True) -> str:
    """What each colour means: of the table's parts (``tables``) and of the findings."""
    items = []
    for kind, text in _LEGEND if tables else ():
        colour, alpha, _ = STYLES[kind]
        fill = f"background: rgba({colour[0]}, {colour[1]}, {colour[2]}, {alpha / 255:.2f});" if alpha else ""
        items.append(f'<span><i class="swatch" style="border-color: {hex_colour(colour)}; {fill}"></i>{text}</span>')
    for severity, colour in SEVERITY_COLOURS.items():
        items.append(
            f'<span><i class="swatch" style="border-color: {hex_colour(colour)}; border-width: 3px"></i>'
            f"finding: {severity}</span>"
        )
    items.append("<span>(a thick frame: the printed figure; a thin one: the figures it was compared with)</span>")
    return '<p class="legend">' + "".join(items) + "</p>"


def amount(x: Decimal | None) -> str:
    return "" if x is None else format(x, "f")


def finding_line(f: Finding) -> str:
    """One finding: severity, rule, message (Chinese and English)."""
    return (
        f'<span class="sev {f.severity}">{f.severity}</span> <code>{escape(f.rule)}</code> '
        f'{escape(f.message)}<br><span class="en">{escape(f.message_en)}</span>'
    )


def title_of(doc: Document) -> str:
    info = doc.info
    return " · ".join(str(x) for x in (info.department or info.title, info.year, info.stage) if x) or doc.source.path


def show_page(doc: Document, drawn: Sequence[DrawnPage]) -> str:
    """The drawn pages of ``doc`` in one page, each with the findings drawn on it, numbered as their badges."""
    body = [
        f"<h1>{escape(title_of(doc))}</h1>",
        f'<p class="meta">{escape(doc.source.path)} · {len(drawn)} page{"" if len(drawn) == 1 else "s"} drawn</p>',
        legend(),
    ]
    for page in drawn:
        names = "; ".join(escape(" ".join(x for x in (t.number, t.title) if x) or f"#{t.index}") for t in page.tables)
        body.append(f'<section class="page" id="p{page.number}"><h2>Page {page.number}</h2>')
        if names:
            body.append(f'<p class="meta">{names}</p>')
        if page.findings:
            body.append("<ol>" + "".join(f'<li value="{n}">{finding_line(f)}</li>' for n, f in page.findings) + "</ol>")
        body.append(f'<img alt="page {page.number}" src="{data_uri(png(page.image))}"></section>')
    return document(title_of(doc), body)

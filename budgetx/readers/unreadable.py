"""What a reader could not read, as findings.

A page whose content is damaged is not silently read as empty: the reader
records it in :attr:`budgetx.model.Source.unreadable`, and each record is an
error finding ``document.page_unreadable`` naming the page — the tables on it
are missing from the output.  The findings are made whether or not the
document is validated.
"""

from __future__ import annotations

from budgetx.model import Finding, Source

RULE = "document.page_unreadable"


def findings(source: Source) -> list[Finding]:
    """One error finding per page (or for the file's structure) that could not be read."""
    out: list[Finding] = []
    for page, why in source.unreadable:
        if page is None:
            zh = f"文件结构受损，部分内容无法读取（{why}）；可能缺少页面或表格"
            en = f"the file's structure is damaged ({why}): pages or tables may be missing"
        else:
            zh = f"第{page}页无法完整读取（{why}）；该页的表格可能缺失或不完整"
            en = f"page {page} cannot be read in full ({why}): its tables may be missing or incomplete"
        out.append(Finding(rule=RULE, severity="error", message=zh, message_en=en, page=page))
    return out

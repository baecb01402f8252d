"""A faster reading of page content streams, object for object as pdfminer reads them.

pdfminer's ``PDFContentParser`` reads a content stream through a character-level
state machine (``PSBaseParser``: one method call per token fragment, a
``log.debug`` per token and per object); it is most of the time of reading a
PDF page.  :class:`FastInterpreter` is pdfminer's ``PDFPageInterpreter`` whose
``execute`` first reads each content stream whole with one regular expression
per token, builds the same operands (numbers, names, strings, hex strings,
arrays, dictionaries) and then runs the same ``do_*`` operators, looked up once
per operator name.

Exactness comes first: anything the fast tokenizer does not reproduce exactly
as pdfminer would — an inline image (``BI … ID … EI``), a ``#`` escape in a
name, a malformed number, an unbalanced array or dictionary, a string or hex
string cut by the end of a stream — makes :meth:`FastInterpreter.execute` hand
the streams to pdfminer's own ``execute``, before any operator has run.
``tests/test_pdf_content.py`` checks, stream by stream over the sample and the
corpus, that :func:`objects` equals what ``PDFContentParser.nextobject`` yields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pdfminer import settings
from pdfminer.pdfinterp import PDFInterpreterError, PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, resolve1, stream_value
from pdfminer.psparser import (
    KEYWORD_ARRAY_BEGIN,
    KEYWORD_ARRAY_END,
    KEYWORD_DICT_BEGIN,
    KEYWORD_DICT_END,
    KEYWORD_PROC_BEGIN,
    KEYWORD_PROC_END,
    KWD,
    LIT,
    PSKeyword,
    PSLiteral,
    keyword_name,
    literal_name,
)

from budgetx.budget import current
from budgetx.readers.pdf import pstokens
from budgetx.readers.pdf.guards import lost
from budgetx.readers.pdf.losses import TooManyTokens
from budgetx.readers.pdf.pstokens import Unsupported

__all__ = ["FastInterpreter", "Unsupported", "objects", "tokens"]

_KW_BI = KWD(b"BI")
_KW_ID = KWD(b"ID")
_KW_EI = KWD(b"EI")


def _literal(raw: bytes) -> PSLiteral:
    """A name as pdfminer makes it: its text when it is UTF-8, else its bytes."""
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


def tokens(data: bytes, limit: int | None = None) -> list[Any]:
    """The tokens of one content stream, as ``PSBaseParser.nexttoken`` gives them (without positions).

    Past ``limit`` tokens, :class:`TooManyTokens` is raised.
    """
    return pstokens.tokens(data, limit, KWD, _literal, KEYWORD_DICT_BEGIN, KEYWORD_DICT_END)


def objects(datas: Sequence[bytes], limit: int | None = None) -> list[Any]:
    """The objects of a page's content streams, as ``PSStackParser.nextobject`` gives them (without positions).

    Past ``limit`` tokens in all, :class:`TooManyTokens` is raised.
    """
    out: list[Any] = []
    cur = out
    curtype: str | None = None
    context: list[tuple[str | None, list[Any]]] = []
    left = limit
    for data in datas:
        toks = tokens(data, left)
        if left is not None:
            left -= len(toks)
            if left < 0:
                raise TooManyTokens(limit or 0)
        for tok in toks:
            if type(tok) is PSKeyword:
                if tok is KEYWORD_ARRAY_BEGIN or tok is KEYWORD_DICT_BEGIN or tok is KEYWORD_PROC_BEGIN:
                    context.append((curtype, cur))
                    curtype = "a" if tok is KEYWORD_ARRAY_BEGIN else "d" if tok is KEYWORD_DICT_BEGIN else "p"
                    cur = []
                    continue
                if tok is KEYWORD_ARRAY_END or tok is KEYWORD_DICT_END or tok is KEYWORD_PROC_END:
                    want = "a" if tok is KEYWORD_ARRAY_END else "d" if tok is KEYWORD_DICT_END else "p"
                    if curtype != want:
                        raise Unsupported("unbalanced array, dictionary or procedure")
                    done = cur
                    curtype, cur = context.pop()
                    if want == "d":
                        if len(done) % 2:
                            raise Unsupported("dictionary with an odd number of objects")
                        cur.append(
                            {
                                literal_name(done[k]): done[k + 1]
                                for k in range(0, len(done), 2)
                                if done[k + 1] is not None
                            }
                        )
                    else:
                        cur.append(done)
                    continue
                if tok is _KW_BI or tok is _KW_ID or tok is _KW_EI:
                    raise Unsupported("inline image")
            cur.append(tok)
    if context:
        raise Unsupported("array or dictionary not closed at the end of the content")
    return out


#: the operators that take as many operands as the colour space has components
_VARIADIC = frozenset({"do_SC", "do_SCN", "do_sc", "do_scn"})
#: per interpreter class, operator keyword → (method name or None, number of operands)
_OPERATORS: dict[type, dict[PSKeyword, tuple[str | None, int]]] = {}


class FastInterpreter(PDFPageInterpreter):
    """``PDFPageInterpreter`` reading content streams with :func:`objects`."""

    #: operators of the content being executed given too few or too many operands
    malformed = 0

    def init_resources(self, resources: dict[object, object]) -> None:
        """pdfminer's, noting a font whose dictionary or character map (ToUnicode) is damaged: pdfminer
        reads its text in a stand-in font, or without its map, and what comes out is not what was printed."""
        super().init_resources(resources)
        fonts = resolve1(resources.get("Font")) if isinstance(resources, dict) else None
        if not isinstance(fonts, dict):
            return
        for fontid, spec in fonts.items():
            spec = resolve1(spec)
            if not isinstance(spec, dict):
                lost(f"a damaged font ({literal_name(fontid)})")
            elif "ToUnicode" in spec and not isinstance(resolve1(spec["ToUnicode"]), (PDFStream, PSLiteral)):
                lost(f"a damaged font ({literal_name(fontid)}): its character map is no stream")

    def do_Tf(self, fontid: Any, fontsize: Any) -> None:
        """``Tf``, noting a font the page's resources do not define: pdfminer draws its text in a
        stand-in font, whose codes give no text (a damaged resource dictionary)."""
        try:
            known = literal_name(fontid) in self.fontmap
        except Exception:  # not a name: pdfminer says what it makes of it
            known = True
        if not known:
            lost(f"text in a font the page does not define ({literal_name(fontid)})")
        super().do_Tf(fontid, fontsize)

    def execute(self, streams: Sequence[object]) -> None:
        # the stream checks of PDFPageInterpreter.execute (circular Form XObjects)
        valid: list[PDFStream] = []
        ids: set[int] = set()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                return super().execute(streams)  # pdfminer warns and skips: let it
            valid.append(stream)
            ids.add(stream.objid)
        self.malformed = 0
        try:
            objs = objects([s.get_data() for s in valid], current().page_tokens)
        except Unsupported:
            super().execute(streams)
            return self._report()
        self.stream_ids.clear()
        self.stream_ids.update(ids)
        operators = _OPERATORS.setdefault(type(self), {})
        push = self.argstack.append
        for obj in objs:
            if type(obj) is not PSKeyword:
                push(obj)
                continue
            op = operators.get(obj)
            if op is None:
                name = keyword_name(obj)
                attr = "do_{}".format(name.replace("*", "_a").replace('"', "_w").replace("'", "_q"))
                found = hasattr(self, attr)
                op = (attr, getattr(self, attr).__code__.co_argcount - 1) if found else (None, 0)
                operators[obj] = op
            method: str | None
            method, nargs = op
            if method is None:
                if settings.STRICT:
                    raise PDFInterpreterError(f"Unknown operator: {obj.name!r}")
                continue
            if nargs:
                args = self.pop(nargs)
                if len(args) == nargs:
                    getattr(self, method)(*args)
            else:
                if self.argstack and method not in _VARIADIC:
                    self.malformed += 1
                getattr(self, method)()
            push = self.argstack.append  # pop() rebinds the stack
        self._report()

    def pop(self, n: int) -> list[Any]:
        """The operands of an operator taking ``n``, counting an operator given another number."""
        if len(self.argstack) != n:
            self.malformed += 1
        return super().pop(n)

    def _report(self) -> None:
        if self.malformed:
            # an operator with too few or too many operands: the content is damaged, and what pdfminer
            # draws of it (operands taken by the wrong operator) is not what was printed
            lost(f"a content stream with {self.malformed} operators given the wrong operands")
            self.malformed = 0

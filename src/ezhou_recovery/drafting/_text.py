"""The plan's text: decoding its bytes, its paragraphs with normalised punctuation, sentences and
clauses, and the numerals in it."""

from __future__ import annotations

import bisect
import codecs
import re
from typing import Final

import attrs

from ezhou_recovery.drafting._draft import MAX_TEXT_CHARS
from ezhou_recovery.drafting._patterns import DOC_NUMBER, ISSUER_LINE, SECTION_LINE, ZH_DATE
from ezhou_recovery.drafting._review import SourceSpan
from ezhou_recovery.errors import DraftError


def decode_plan_text(raw: bytes, *, source: str = "plan") -> str:
    """Decode a plan's bytes: UTF-8 (with or without a byte-order mark), else GB18030; UTF-16 when
    the bytes begin with its byte-order mark (a text saved as "Unicode" on Windows).

    Raises:
        DraftError: The bytes are neither, or the text is longer than :data:`MAX_TEXT_CHARS`.
    """
    encodings = ("utf-16",) if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ()
    for encoding in (*encodings, "utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(text) > MAX_TEXT_CHARS:
            raise DraftError(
                f"{source}: the text has {len(text)} characters; at most {MAX_TEXT_CHARS}"
            )
        return text
    raise DraftError(f"{source}: not UTF-8 or GB18030 text")


#: Full-width punctuation and digits to ASCII, character for character (spans stay valid).
TO_ASCII: Final = str.maketrans(
    {
        "，": ",",
        "；": ";",
        "：": ":",
        "（": "(",
        "）": ")",
        "\uff0e": ".",
        "\uff05": "%",
        "\uff5e": "~",
        "\uff0d": "-",
        "　": " ",
        "！": "!",
        "？": "?",
        "\uff0f": "/",
        **{chr(0xFF10 + i): str(i) for i in range(10)},
    }
)
SENTENCE_END: Final = frozenset("。;!?")


@attrs.frozen
class Line:
    """A paragraph: one line of the text, or lines a wrapped paragraph was cut into, joined."""

    number: int
    text: str
    normal: str
    #: Where each joined line begins: (offset in ``text``, its line number, its first column).
    segments: tuple[tuple[int, int, int], ...] = ()

    def place(self, offset: int) -> tuple[int, int]:
        """The line number and column of the character at ``offset``."""
        if not self.segments:
            return self.number, offset
        i = bisect.bisect_right([s[0] for s in self.segments], offset) - 1
        at, number, column = self.segments[max(i, 0)]
        return number, column + offset - at


@attrs.frozen
class Piece:
    """A stretch of one line: a sentence, a clause."""

    line: Line
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.line.text[self.start : self.end]

    @property
    def normal(self) -> str:
        return self.line.normal[self.start : self.end]

    def span(self) -> SourceSpan:
        line, start = self.line.place(self.start)
        end_line, end = self.line.place(max(self.start, self.end - 1))
        if end_line == line:
            return SourceSpan(line, start, end + 1 if self.end > self.start else start, self.text)
        return SourceSpan(line, start, end + 1, self.text, end_line)

    def sub(self, start: int, end: int) -> Piece:
        """The piece from ``start`` to ``end`` (offsets within this piece)."""
        return Piece(self.line, self.start + start, self.start + end)


def split_at(piece: Piece, ends: frozenset[str]) -> list[Piece]:
    """``piece`` cut after each character of ``ends``; pieces of punctuation alone are dropped."""
    out: list[Piece] = []
    text = piece.normal
    begin = 0
    for i, ch in enumerate(text):
        if ch in ends:
            out.append(piece.sub(begin, i + 1))
            begin = i + 1
    if begin < len(text):
        out.append(piece.sub(begin, len(text)))
    return [p for p in (trimmed(p) for p in out) if p.normal.strip("。;!?,: ")]


def trimmed(piece: Piece) -> Piece:
    """``piece`` without the blanks around it and the punctuation at its end."""
    text = piece.normal
    lo, hi = 0, len(text)
    while lo < hi and text[lo] in " \t":
        lo += 1
    while hi > lo and text[hi - 1] in " \t。;!?,:":
        hi -= 1
    return piece.sub(lo, hi)


def cn_number(text: str) -> int | None:
    """A Chinese numeral (三, 二十八, 两) as an integer, by cn2an; None if it is not one."""
    import cn2an  # the ``draft`` extra: imported only when drafting

    try:
        value = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return int(value) if isinstance(value, (int, float)) and value == int(value) else None


def integer_of(text: str) -> int | None:
    """Digits or a Chinese numeral as an integer; None if it is neither."""
    return int(text) if text.isdigit() else cn_number(text)


_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\(?\d{1,2}[).、]|第[一二三四五六七八九十]{1,3}[章条节部]|附件)"
)


def _unclosed(text: str) -> bool:
    return text.count("(") > text.count(")")


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` continues the paragraph ``previous`` that a line break cut (text from PDF)."""
    prev = previous.strip()
    return (
        len(prev) >= 15
        and (prev[-1] not in "。;:!?)”」』" or _unclosed(prev))
        and not prev.endswith("通知")
        and not (_HEADING_START.match(prev) and "。" not in prev and not _unclosed(prev))
        and not _HEADING_START.match(line)
        and not SECTION_LINE.match(line)
        and not DOC_NUMBER.fullmatch(line)
        and not ZH_DATE.match(line)
        and not ISSUER_LINE.match(line)
    )


def split_paragraphs(text: str) -> list[Line]:
    """The paragraphs of a text: its lines, with the lines of a wrapped paragraph joined."""
    out: list[Line] = []
    for number, raw in enumerate(text.splitlines(), 1):
        normal = raw.translate(TO_ASCII)
        stripped = normal.strip()
        if out and stripped and out[-1].normal.strip() and _continues(out[-1].normal, stripped):
            last = out.pop()
            segments = last.segments or ((0, last.number, 0),)
            keep = len(last.normal.rstrip())
            lead = len(normal) - len(normal.lstrip())
            out.append(
                Line(
                    last.number,
                    last.text[:keep] + raw[lead:].rstrip(),
                    last.normal[:keep] + normal[lead:].rstrip(),
                    (*segments, (keep, number, lead)),
                )
            )
            continue
        out.append(Line(number, raw, normal))
    return out


def stripped(line: Line) -> Piece:
    """The whole line as a piece, trimmed."""
    return trimmed(Piece(line, 0, len(line.text)))

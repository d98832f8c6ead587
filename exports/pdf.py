"""The summary as a PDF to bring to a dermatologist: made in memory with fpdf2, worded only from `content`.

Text is set in DejaVu Sans Condensed (embedded from `exports/fonts/`, licence beside it), so accents, dashes and
curly quotes print and a line holds more words at a size a clinician reads on paper. A character the font has no
glyph for is replaced with "?" before it reaches fpdf2, except a symbol such as a colour emoji, which is left out
with the space it leaves (emoji modifiers, joiners and other invisible marks are dropped too), so no text can
make rendering fail and no emoji prints as "?". The icons of the content are left out: the words beside them
carry the meaning. Nothing is written to disk.

The PDF draws the summary's layout (`logic/layout.py`) in its order, with page one given to the patient picture:
the next step in a box, the plan, the notice that no doctor has checked the wording (until a review is
recorded), the flags grouped by level (each with its title, reason and what to do), and the
person's answers as a two-column list, question and answer, with their note. Then the marks, each of the
article's claims with its grade printed straight after it (never a grade beside a bare heading; the grades'
meaning once, as a key), the questions, and the references, numbered once and cited by number, at the end.
Which answers raised a flag is left to the list of answers on the same page.

Body text is at least `BODY_FLOOR` points and nothing, the sources and page numbers included, is smaller than
`SMALLEST` (`_PAGES_WANTED`). A summary that runs over two pages is set a little smaller, down to that floor,
and then shortens, in turn, the article's claims (to one line each: its grade, then the claim beside it),
the references (to their short names), what works for each mark and, last, the person's questions for the
dermatologist, all of which the web page and the Markdown keep. A flag's reason or action, the plan, the answers
and the note are never left out, so answers that raise most of the flags (more than about twenty, each with its
reason and action) take a third page: at 8 pt their words alone fill more than two. When the flags are too many for page
one to hold them and the answers, the answers and the note still go on page one, and the flags that did not fit
follow them. The same summary and day always give the same bytes.
"""

import math
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from logic.answers import Answers
from logic.content import Content, default_content
from logic.layout import FlagGroup, Layout, layout
from logic.summary import Summary
from logic.vocab import Field, Level

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {"": FONT_DIR / "DejaVuSansCondensed.ttf", "B": FONT_DIR / "DejaVuSansCondensed-Bold.ttf"}
REPLACEMENT = "?"


@dataclass(frozen=True)
class _Detail:
    """How much the PDF prints beyond the next step, the flags in full, the answers and the note (all of which
    it always prints); the page and the Markdown always carry all of it."""

    claims: bool = True  # each claim as the article words it, its grade and verdict, or one line: title and grade
    citations: bool = True  # each reference in full, or by its short name
    works: bool = True  # what does work, for each mark
    questions: bool = (
        True  # the person's questions for the dermatologist (they keep them on the page and in the Markdown)
    )

    def left_out(self) -> list[str]:
        return [name for name, kept in vars(self).items() if not kept]


BODY_FLOOR = 8.0  # the smallest size of body text, in points
SMALLEST = 7.0  # the smallest size of any text (the sources, the page numbers), in points
_FLOOR = 0.95  # the smallest type scale: body text at _SMALL * _FLOOR = 8.08 pt, the sources at 7.03 pt

# A summary that does not fit on one page at full size is set smaller, in the first of these ways that works:
# on one page, then on two, with type down to the floor; then on two pages leaving out in turn the claims'
# wording (each is one line: the claim and its grade), the references' full citations and what works for each mark.
_PAGES_WANTED = (
    (1, _FLOOR, _Detail()),
    (2, _FLOOR, _Detail()),
    (2, _FLOOR, _Detail(claims=False)),
    (2, _FLOOR, _Detail(claims=False, citations=False)),
    (2, _FLOOR, _Detail(claims=False, citations=False, works=False)),
    (2, _FLOOR, _Detail(claims=False, citations=False, works=False, questions=False)),
)
_MARGINS = (9, 9, 9, 11)  # left, top, right, bottom in mm
_PAGE_BODY = 297 - _MARGINS[1] - _MARGINS[3]
_NOTE_LINES = 8  # a note keeps its own line breaks up to this many lines

_FAMILY = "DejaVu"
_PT = 0.3528  # millimetres per point
_LEADING = 1.08  # line height as a multiple of the font size
# Sizes in points at scale 1. Every text but the sources and the page numbers is body text, at _SMALL or more.
_TITLE, _HEADING, _SUBHEADING, _BODY, _SMALL, _TINY = 13.5, 10.5, 9.2, 8.9, 8.5, 7.4

_INK = (20, 20, 20)
_MUTED = (85, 85, 85)
_RULE = (170, 170, 170)
_SHADE = (243, 243, 243)
# A level's colour is only ever an extra: its words are always printed beside it.
_LEVEL_COLOUR = {
    Level.URGENT: (180, 30, 30),
    Level.CONSULT: (196, 112, 0),
    Level.NOTE: (30, 96, 160),
    Level.NONE: (110, 110, 110),
}

# --- Only characters the font can draw. -------------------------------------------------------------------

_LINE_BREAKS = str.maketrans({"\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_DROPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc"})  # combining marks, joiners, variation selectors, controls
_EMOJI_MODIFIERS = range(0x1F3FB, 0x1F400)  # skin tones: meaningless once the emoji before them is gone
_LEFT_OUT_CATEGORIES = frozenset({"So", "Sk"})  # symbols, colour emoji among them: left out, never a "?"


@cache
def _covered() -> frozenset[int]:
    """The code points both embedded fonts have a glyph for."""
    maps = [set(TTFont(path, lazy=True).getBestCmap()) for path in FONT_FILES.values()]
    return frozenset(set.intersection(*maps))


def printable(text: str) -> str:
    """`text` with each character the font cannot draw replaced by "?", and invisible ones dropped.

    A symbol the font cannot draw (a colour emoji, say) is left out instead, with one of the spaces around it,
    so "I ❤️ it 👍🏽" prints "I ❤ it" and "so sore 😭😭 help" prints "so sore help". Every kind of line break
    becomes a newline and a tab becomes spaces. Nothing is read as markup.
    """
    covered = _covered()
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").translate(_LINE_BREAKS).replace("\t", "    "))
    out: list[str] = []
    gap = False  # a symbol was just left out, after a space or at the start of a line
    for char in text:
        code = ord(char)
        if char == "\n" or (code >= 0x20 and code in covered):
            if not (gap and char == " "):
                out.append(char)
            gap = False
        elif unicodedata.category(char) in _LEFT_OUT_CATEGORIES or code in _EMOJI_MODIFIERS:
            gap = gap or not out or out[-1] in " \n"
        elif unicodedata.category(char) not in _DROPPED_CATEGORIES:
            out.append(REPLACEMENT)
            gap = False
    while out and out[-1] == " " and gap:  # a symbol that ended the text leaves no space behind
        out.pop()
    return "".join(out)


# --- The document. ---------------------------------------------------------------------------------------


def render_pdf(summary: Summary, answers: Answers, content: Content | None = None, today: date | None = None) -> bytes:
    """The summary as PDF bytes, made in memory. The same inputs and day always give the same bytes."""
    content = content or default_content()
    today = today or date.today()
    lay = layout(summary, content)
    tried: dict[tuple[_Detail, float], tuple[int, float, bytes, dict[str, float]]] = {}

    def at(detail: _Detail, scale: float) -> tuple[int, float, bytes, dict[str, float]]:
        if (detail, scale) not in tried:
            tried[detail, scale] = _render(lay, answers, today, detail, scale)
        return tried[detail, scale]

    # Each try is a whole layout of the document, so as few as can be: one at full size and detail, which also
    # measures how much each leaving-out would save; then, for the first way that should fit, a guess at the
    # type size. Height grows with the square of the type size (taller lines, and more of them), which gives
    # each guess; it steps down until the summary fits or the floor is reached.
    pages, used, pdf, saves = at(_PAGES_WANTED[0][2], 1.0)
    last = (_PAGES_WANTED[0][2], 1.0, used, saves)  # the latest try: its detail, scale, height and savings
    for wanted, smallest, detail in _PAGES_WANTED:
        if pages <= wanted and detail == _PAGES_WANTED[0][2]:
            return pdf
        target = wanted * _PAGE_BODY * 0.97
        tried_detail, tried_scale, tried_used, tried_saves = last
        dropped = [part for part in detail.left_out() if part not in tried_detail.left_out()]
        estimate = (tried_used - sum(tried_saves.get(part, 0) for part in dropped)) / tried_scale**2
        scale = min(1.0, math.floor(100 * math.sqrt(target / estimate)) / 100)
        if scale < smallest - 0.03:
            continue
        scale = max(scale, smallest)
        while True:
            got, used, pdf, saves = at(detail, scale)
            last = (detail, scale, used, saves)
            if got <= wanted:
                return pdf
            if scale <= smallest:
                break
            guess = math.floor(100 * scale * math.sqrt(target / used)) / 100
            scale = max(min(guess, round(scale - 0.02, 2)), smallest)
    return at(_PAGES_WANTED[-1][2], _PAGES_WANTED[-1][1])[2]


def _render(
    lay: Layout, answers: Answers, today: date, detail: _Detail, scale: float
) -> tuple[int, float, bytes, dict[str, float]]:
    """The PDF at one type scale and detail: its page count, the height its content takes in all, its bytes,
    and about how much height leaving out each detail would save."""
    content = lay.content
    doc = _Document(scale, detail)
    doc.set_title(printable(f"{content.ui.app_title}: {content.ui.files.pdf_title}"))
    doc.set_creator(printable(content.ui.app_title))
    # The day only, at midnight UTC: the file says when it was made but not at what time.
    doc.set_creation_date(datetime.combine(today, time(), tzinfo=UTC))
    doc.add_page()
    _top(doc, lay, today)
    for part in (_plan, _next_step) if lay.plan_first else (_next_step, _plan):
        part(doc, lay)
    _review_notice(doc, lay)
    _flags_and_answers(doc, lay, answers)
    _marks(doc, lay)
    _article(doc, lay)
    _questions(doc, lay)
    _sources(doc, lay)
    _about(doc, lay)
    used = (doc.pages_count - 1) * _PAGE_BODY + doc.get_y() - _MARGINS[1]
    doc.number_pages(content.ui.app_title, content.ui.files.page)
    return doc.pages_count, used, bytes(doc.output()), dict(doc.saves)


class _Document(FPDF):
    """FPDF with the embedded font and the few layout moves every section uses; sizes are in points at scale 1."""

    def __init__(self, scale: float, detail: _Detail) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.scale = scale
        self.detail = detail
        self.saves: Counter[str] = Counter()  # part of the detail -> height that leaving it out would save
        for style, path in FONT_FILES.items():
            self.add_font(_FAMILY, style, path)
        left, top, right, bottom = _MARGINS
        self.set_margins(left=left, top=top, right=right)
        self.set_auto_page_break(auto=True, margin=bottom)
        # No "{nb}" alias: a person's note could contain that text, and it must print as typed.
        self.alias_nb_pages(None)
        self.c_margin = 0

    def position(self) -> float:
        """How far down the document the next line is, in mm of page body: a height across page breaks."""
        return (self.page - 1) * _PAGE_BODY + self.get_y()

    def mm(self, millimetres: float) -> float:
        return millimetres * self.scale

    def line_height(self, size: float) -> float:
        return size * self.scale * _PT * _LEADING

    def use(self, size: float, *, bold: bool = False, colour: tuple[int, int, int] = _INK) -> None:
        self.set_font(_FAMILY, "B" if bold else "", size * self.scale)
        self.set_text_color(*colour)

    def para(self, text: str, size: float = _BODY, *, bold: bool = False, colour=_INK, indent: float = 0) -> None:
        """A plain paragraph, wrapped at the right margin."""
        self.use(size, bold=bold, colour=colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent, self.line_height(size), printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def runs(self, runs: Sequence[tuple[str, bool]], size: float = _BODY, *, indent: float = 0, colour=_INK) -> None:
        """One paragraph of (text, bold) runs, a bold label and its text say, wrapped between words."""
        with (
            self.text_columns(
                text_align="LEFT", line_height=_LEADING, l_margin=self.l_margin + indent, skip_leading_spaces=True
            ) as region,
            region.paragraph() as paragraph,
        ):
            for text, bold in runs:
                self.use(size, bold=bold, colour=colour)
                paragraph.write(printable(text))
        self.set_x(self.l_margin)

    def height(self, text: str, size: float = _BODY, *, indent: float = 0, bold: bool = False) -> float:
        """How tall `text` is as a paragraph; a close guess for a paragraph of runs."""
        self.use(size, bold=bold)
        lines = self.multi_cell(
            self.epw - indent, self.line_height(size), printable(text), dry_run=True, output="LINES"
        )
        return len(lines) * self.line_height(size)

    def keep(self, height: float) -> None:
        """Start a new page unless `height` millimetres still fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def gap(self, millimetres: float) -> None:
        """Vertical space, except at the top of a page."""
        if self.get_y() > self.t_margin + 0.1:
            self.ln(self.mm(millimetres))

    def heading(self, text: str, *, then: float = 12) -> None:
        """A section heading with a rule under it, kept with the first `then` mm of what follows."""
        self.gap(3)
        self.keep(self.line_height(_HEADING) + self.mm(1.5 + then))
        self.para(text, _HEADING, bold=True)
        self.set_draw_color(*_RULE)
        self.set_line_width(0.2)
        y = self.get_y() + self.mm(0.3)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(self.mm(1.5))

    def swatch(self, level: Level, x: float, y: float, w: float, h: float) -> None:
        self.set_fill_color(*_LEVEL_COLOUR[level])
        self.rect(x, y, w, h, style="F")

    def number_pages(self, title: str, page: str) -> None:
        """Write the title and "Page n of total" at the foot of every page, now that the total is known."""
        total = self.pages_count
        self.set_auto_page_break(False)
        for number in range(1, total + 1):
            self.page = number
            self.use(_TINY / self.scale, colour=_MUTED)
            self.current_font_is_set_on_page = False  # this page may have ended in another font
            y = self.h - 8.5
            self.set_xy(self.l_margin, y)
            self.cell(self.epw - 30, 3, printable(title), align="L")
            self.set_xy(self.w - self.r_margin - 30, y)
            self.cell(30, 3, printable(page.format(number=number, total=total)), align="R")
        self.page = total


# --- The sections, in reading order. --------------------------------------------------------------------


def _top(doc: _Document, lay: Layout, today: date) -> None:
    ui = lay.content.ui.summary
    doc.para(f"{lay.content.ui.app_title}  ·  {ui.made_on}: {today.isoformat()}", _SMALL, colour=_MUTED)
    doc.para(lay.content.ui.files.pdf_title, _TITLE, bold=True)
    doc.ln(doc.mm(1.2))


def _plan(doc: _Document, lay: Layout) -> None:
    """The answer to "should I do this, and will it help my marks?": per route, the advice in bold and why."""
    if not lay.plan:
        return
    if lay.plan_first:
        doc.para(lay.content.ui.summary.plan, _HEADING, bold=True)
        doc.ln(doc.mm(0.6))
    else:
        doc.heading(lay.content.ui.summary.plan, then=6)
    for line in lay.plan:
        doc.runs([(f"{line.entry.title}. ", True), (f"{line.entry.reason} {line.cite}", False)], _SMALL)
        doc.ln(doc.mm(0.6))
    doc.ln(doc.mm(1.2))


def _next_step(doc: _Document, lay: Layout) -> None:
    """The next step, in a shaded box with a bar in the colour of the first flag's level."""
    ui, box = lay.content.ui.summary, lay.next_step
    pad, bar = doc.mm(2.2), doc.mm(2.2)
    indent = bar + pad
    level = lay.groups[0].level if lay.groups else Level.NONE
    first = [(f"{number}. ", True, action) for number, action in enumerate(box.first, 1)]
    doc.set_right_margin(doc.r_margin + pad)
    height = (
        doc.height(box.label, _HEADING, indent=indent, bold=True)
        + doc.height(box.instruction, indent=indent)
        + (doc.height(box.why, indent=indent) if box.why else 0)
        + (doc.height(ui.do_first, indent=indent) if first else 0)
        + sum(doc.height(f"{n}{action}", indent=indent + doc.mm(4)) for n, _, action in first)
        + 2 * pad
    )
    top = doc.get_y()
    doc.set_fill_color(*_SHADE)
    doc.rect(doc.l_margin, top, doc.epw + pad, height, style="F")
    doc.swatch(level, doc.l_margin, top, bar, height)
    doc.set_y(top + pad)
    doc.para(box.label, _HEADING, bold=True, indent=indent)
    doc.para(box.instruction, indent=indent)
    if box.why:
        doc.para(box.why, indent=indent)
    if first:
        doc.para(ui.do_first, bold=True, indent=indent)
    for number, _, action in first:
        row = doc.get_y()
        doc.use(_BODY, bold=True)
        doc.set_xy(doc.l_margin + indent, row)
        doc.cell(doc.mm(4), doc.line_height(_BODY), number)
        doc.set_y(row)
        doc.para(action, indent=indent + doc.mm(4))
    doc.set_right_margin(doc.r_margin - pad)
    doc.set_y(max(doc.get_y() + pad, top + height))


def _flags_and_answers(doc: _Document, lay: Layout, answers: Answers) -> None:
    """The flags, each as one paragraph (its title, reason and what to do), then the answers and the note.

    Page one holds the answers and the note whatever happens: when the flags would push them off it, they
    are printed after the flags that fit, and the rest of the flags follow them under the same heading."""
    ui = lay.content.ui.summary
    doc.heading(ui.flags)
    if not lay.groups:
        doc.para(ui.no_flags, _SMALL)
        _answers(doc, answers, lay.content)
        return
    answers_height = _answers_height(doc, answers, lay.content)
    indent = doc.mm(3)
    shown: FlagGroup | None = None  # the group whose label is the latest printed
    answered = False
    for group in lay.groups:
        for item in group.flags:
            todo = ui.see_step.format(number=item.step) if item.step else item.flag.action
            runs = [
                (f"{item.flag.title}. ", True),
                (f"{item.flag.reason} {item.cite} ", False),
                (f"{ui.action}: ", True),
                (todo, False),
            ]
            text = "".join(text for text, _ in runs)
            block = doc.height(text, _SMALL, indent=indent) + doc.mm(0.6)
            label = doc.line_height(_SUBHEADING) + doc.mm(1) if shown is not group else 0
            # The runs' bold parts make the flag a little taller than the plain guess; whether the answers still
            # fit after it is judged as if it were all bold, which is never shorter, so they stay on page one.
            widest = doc.height(text, _SMALL, indent=indent, bold=True) + doc.mm(0.6)
            overflows = doc.get_y() + label + widest + answers_height > doc.page_break_trigger
            if not answered and doc.page == 1 and overflows:
                _answers(doc, answers, lay.content)
                answered, shown = True, None
                doc.heading(ui.flags)  # the rest of the flags, straight after: no page left part empty
            if shown is not group:
                doc.gap(1)
                doc.keep(doc.line_height(_SUBHEADING) + block)
                size = doc.line_height(_SUBHEADING)
                doc.swatch(group.level, doc.l_margin, doc.get_y() + size * 0.2, size * 0.6, size * 0.6)
                doc.para(group.label, _SUBHEADING, bold=True, indent=indent)
                shown = group
            doc.gap(0.6)
            doc.keep(block)
            top, page = doc.get_y(), doc.page
            doc.runs(runs, _SMALL, indent=indent)
            if doc.page == page:  # a bar in the level's colour beside a flag that stayed on one page
                bar = doc.get_y() - top - doc.mm(0.4)
                doc.swatch(group.level, doc.l_margin + doc.mm(0.4), top + doc.mm(0.5), doc.mm(0.8), bar)
    if not answered:
        _answers(doc, answers, lay.content)


def _marks(doc: _Document, lay: Layout) -> None:
    ui = lay.content.ui.summary
    if not lay.marks:
        return
    doc.heading(ui.marks)
    for card in lay.marks:
        fit = f"{card.fit.label}. " if card.fit_shown else ""
        head = [(f"{card.mark.name}. ", True), (f"{ui.glutathione}: ", True), (f"{fit}{card.mark.glutathione}", False)]
        works = [(f"{ui.what_works}: ", True), (f"{card.mark.what_works} {card.cite}", False)]
        if not doc.detail.works:
            head[-1] = (f"{head[-1][0]} {card.cite}", False)
        doc.gap(0.6)
        doc.keep(doc.height("".join(t for t, _ in head)) + doc.height("".join(t for t, _ in works), _SMALL))
        doc.runs(head)
        if doc.detail.works:
            before = doc.position()
            doc.runs(works, _SMALL)
            doc.saves["works"] += doc.position() - before


def _article(doc: _Document, lay: Layout) -> None:
    """Each claim with its grade and verdict straight after it: never a bare grade. Short of space, each claim
    is one line, its title and its grade."""
    ui = lay.content.ui.summary
    if not lay.claims:
        return
    doc.heading(ui.article)
    key = "  ".join(f"{grade.label}: {grade.meaning}" for grade in lay.key)
    doc.para(f"{ui.grade_key} {key}", _SMALL, colour=_MUTED)
    doc.gap(1)
    if not doc.detail.claims:
        _claim_lines(doc, lay)
        return
    for claim in lay.claims:
        runs = [
            (f"{claim.section.article_says} ", False),
            (f"{ui.evidence}: {claim.grade.label}. ", True),
            (f"{claim.section.verdict} {claim.cite}", False),
        ]
        doc.gap(0.5)
        doc.keep(doc.height("".join(t for t, _ in runs), _SMALL))
        before = doc.position()
        doc.runs(runs, _SMALL)
        # Short of space, this claim is one line: its title, and its grade beside it.
        doc.saves["claims"] += doc.position() - before - doc.line_height(_SMALL)


def _claim_lines(doc: _Document, lay: Layout) -> None:
    """Each claim on one line: its grade in a column of its own, then the claim's title beside it (a title too
    long for the rest of the line wraps, its grade still beside it). The column's heading says what it holds."""
    ui = lay.content.ui.summary
    doc.use(_SMALL, bold=True)
    column = max(doc.get_string_width(printable(text)) for text in (ui.evidence, *(c.grade.label for c in lay.claims)))
    column += doc.mm(3)
    line = doc.line_height(_SMALL)
    doc.keep(2 * line)
    doc.use(_SMALL, bold=True, colour=_MUTED)
    doc.cell(column, line, printable(ui.evidence), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for claim in lay.claims:
        height = doc.height(claim.section.title, _SMALL, indent=column)
        doc.keep(height)
        top = doc.get_y()
        doc.use(_SMALL, bold=True)
        doc.cell(column, line, printable(claim.grade.label))
        doc.use(_SMALL)
        doc.multi_cell(doc.epw - column, line, printable(claim.section.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        doc.set_xy(doc.l_margin, top + height)


def _answers_height(doc: _Document, answers: Answers, content: Content) -> float:
    """How tall the answers and the note are at this type size: drawn once on a page of their own to see."""
    trial = _Document(doc.scale, doc.detail)
    trial.add_page()
    trial.ln(trial.mm(1))  # as if below something, so the heading's space above it counts
    top = trial.get_y()
    _answers(trial, answers, content)
    return trial.position() - top


def _answers(doc: _Document, answers: Answers, content: Content) -> None:
    """The answers as a list in two columns, each question in bold with the answer after it; then the note."""
    ui = content.ui.summary
    doc.heading(ui.answers, then=12)
    with doc.text_columns(ncols=2, gutter=doc.mm(5), balance=True, text_align="LEFT", line_height=_LEADING) as cols:
        for field in Field:
            if field is Field.NOTES:
                continue
            with cols.paragraph(top_margin=doc.mm(0.5)) as paragraph:
                doc.use(_SMALL, bold=True)
                paragraph.write(printable(f"{content.field_label(field)} "))
                doc.use(_SMALL)
                paragraph.write(printable(content.answer_text(answers, field)))
    doc.set_x(doc.l_margin)

    doc.gap(2)
    notes = _note_lines(answers.notes)
    # The note stays on one page with its heading: it is the person's own words, read in one piece. It is kept
    # by exactly the height it takes (the heading, the framed text and the frame's padding above and below),
    # which is what _answers_height measures.
    pad = doc.mm(1.6)
    framed = doc.height(notes, indent=2 * pad) + doc.mm(0.6) + 2 * pad if notes else doc.line_height(_BODY)
    doc.keep(doc.line_height(_SUBHEADING) + framed)
    doc.para(ui.notes, _SUBHEADING, bold=True)
    if not notes:
        doc.para(ui.no_notes, colour=_MUTED)
        return
    top, page = doc.get_y() + doc.mm(0.6), doc.page
    doc.set_y(top + pad)
    doc.set_right_margin(doc.r_margin + pad)
    doc.para(notes, indent=pad)
    doc.set_right_margin(doc.r_margin - pad)
    if doc.page == page:  # a frame only round a note that stayed on one page
        doc.set_draw_color(*_RULE)
        doc.rect(doc.l_margin, top, doc.epw, doc.get_y() - top + pad)
    doc.ln(pad)


def _note_lines(notes: str) -> str:
    """The note as typed, except that runs of blank lines become one, and lines after the first
    _NOTE_LINES - 1 are joined with " / ": a 500-character note stays a few lines long."""
    lines: list[str] = []
    for line in notes.replace("\r\n", "\n").translate(_LINE_BREAKS).split("\n"):
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line)
    while lines and not lines[-1].strip():
        lines.pop()
    if len(lines) > _NOTE_LINES:
        lines[_NOTE_LINES - 1 :] = [" / ".join(line.strip() for line in lines[_NOTE_LINES - 1 :] if line.strip())]
    return "\n".join(lines)


def _questions(doc: _Document, lay: Layout) -> None:
    if not doc.detail.questions:
        return
    before = doc.position()
    _question_list(doc, lay)
    doc.saves["questions"] += doc.position() - before


def _question_list(doc: _Document, lay: Layout) -> None:
    doc.heading(lay.content.ui.summary.questions)
    width = doc.mm(6)
    for number, question in enumerate(lay.questions, 1):
        doc.keep(doc.height(question, indent=width))
        top = doc.get_y()
        doc.use(_BODY, bold=True)
        doc.cell(width, doc.line_height(_BODY), f"{number}.")
        doc.set_y(top)
        doc.para(question, indent=width)
        doc.ln(doc.mm(0.4))


def _sources(doc: _Document, lay: Layout) -> None:
    """One run-on paragraph of numbered references: looked up by number, so they need no lines of their own."""
    if not lay.references:
        return
    doc.heading(lay.content.ui.summary.sources)
    runs = [
        run
        for number, reference in enumerate(lay.references, 1)
        for run in (
            (f"[{number}]\u00a0", True),
            (f"{reference.citation if doc.detail.citations else reference.short}    ", False),
        )
    ]
    before = doc.position()
    doc.runs(runs, _TINY, colour=_MUTED)
    if doc.detail.citations:  # by their short names, about as much shorter as their text is
        shares = sum(len(r.short) for r in lay.references) / sum(len(r.citation) for r in lay.references)
        doc.saves["citations"] += (doc.position() - before) * (1 - shares)


def _review_notice(doc: _Document, lay: Layout) -> None:
    """That no doctor has checked the wording, before the flags as on the page, until a review is recorded."""
    if notice := lay.content.review_notice:
        doc.para(notice, _SMALL)
        doc.ln(doc.mm(1.2))


def _about(doc: _Document, lay: Layout) -> None:
    ui = lay.content.ui.summary
    doc.heading(ui.about, then=14)
    doc.para(lay.disclaimer, _SMALL)
    if record := lay.content.review_record():
        doc.ln(doc.mm(0.8))
        doc.para(record, _SMALL)
    doc.ln(doc.mm(0.8))
    doc.para(f"{ui.content_version}: {lay.content_version}", _SMALL, colour=_MUTED)

"""The summary as a PDF to bring to a dermatologist: made in memory with fpdf2, worded only from `content`.

Text is set in DejaVu Sans (embedded from `logic/fonts/`, licence beside it), so accents, dashes and curly
quotes print. A character the font has no glyph for is replaced with "?" before it reaches fpdf2 (emoji
modifiers, joiners and other invisible marks are dropped), so no text can make rendering fail. The icons of
the content are left out: the words beside them carry the meaning. Nothing is written to disk.

The PDF is the compact version of the summary: the article's sections are listed by title and evidence
grade (the Markdown download and the page carry what the article says and the evidence notes), and sources
are numbered once and cited by number. A summary that runs a little over a page is set in smaller type, down
to a floor (`_PAGES_WANTED`), so that it takes one page, two, or three at most for the largest answer sets.
"""

import math
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, XPos, YPos

from .answers import Answers
from .content import Content, default_content
from .markdown import triggers_text
from .summary import Summary
from .vocab import Field, Level

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
REPLACEMENT = "?"

# A summary that does not fit on one page at full size is set smaller, in the first of these ways that works:
# on one page with type down to 0.92 of full size, on two pages down to 0.85, or on three down to 0.8 (which
# makes body text 6.6 pt).
_PAGES_WANTED = ((1, 0.92), (2, 0.85), (3, 0.8))
_MARGINS = (12, 11, 12, 12)  # left, top, right, bottom in mm
_PAGE_BODY = 297 - _MARGINS[1] - _MARGINS[3]
_NOTE_LINES = 12  # a note keeps its own line breaks up to this many lines

_FAMILY = "DejaVu"
_PT = 0.3528  # millimetres per point
_LEADING = 1.22  # line height as a multiple of the font size
# Sizes in points at scale 1.
_TITLE, _HEADING, _SUBHEADING, _BODY, _SMALL, _TINY = 14.5, 10.5, 8.8, 8.3, 7.4, 6.6

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
_EMOJI_MODIFIERS = range(0x1F3FB, 0x1F400)  # skin tones: meaningless once the emoji before them is a "?"


@cache
def _covered() -> frozenset[int]:
    """The code points both embedded fonts have a glyph for."""
    maps = [set(TTFont(path, lazy=True).getBestCmap()) for path in FONT_FILES.values()]
    return frozenset(set.intersection(*maps))


def printable(text: str) -> str:
    """`text` with each character the font cannot draw replaced by "?", and invisible ones dropped.

    Every kind of line break becomes a newline and a tab becomes spaces. Nothing is read as markup.
    """
    covered = _covered()
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").translate(_LINE_BREAKS).replace("\t", "    "))
    out = []
    for char in text:
        code = ord(char)
        if char == "\n" or (code >= 0x20 and code in covered):
            out.append(char)
        elif unicodedata.category(char) not in _DROPPED_CATEGORIES and code not in _EMOJI_MODIFIERS:
            out.append(REPLACEMENT)
    return "".join(out)


# --- The document. ---------------------------------------------------------------------------------------


def render_pdf(summary: Summary, answers: Answers, content: Content | None = None, today: date | None = None) -> bytes:
    """The summary as PDF bytes, made in memory. The same inputs and day always give the same bytes."""
    content = content or default_content()
    today = today or date.today()
    tried: dict[float, tuple[int, float, bytes]] = {}

    def at(scale: float) -> tuple[int, float, bytes]:
        if scale not in tried:
            tried[scale] = _render(summary, answers, content, today, scale)
        return tried[scale]

    _, full, pdf = at(1.0)
    # Too long: set the type smaller. Height grows with the square of the type size (taller lines, and
    # more of them), which gives each next guess; it steps down until the summary fits or the floor is reached.
    for wanted, smallest in _PAGES_WANTED:
        target = wanted * _PAGE_BODY * 0.97
        scale = min(1.0, math.floor(100 * math.sqrt(target / full)) / 100)
        if scale < smallest - 0.03:
            continue
        scale = max(scale, smallest)
        while True:
            pages, used, pdf = at(scale)
            if pages <= wanted:
                return pdf
            if scale <= smallest:
                break
            guess = math.floor(100 * scale * math.sqrt(target / used)) / 100
            scale = max(min(guess, round(scale - 0.02, 2)), smallest)
    return pdf


def _render(
    summary: Summary, answers: Answers, content: Content, today: date, scale: float
) -> tuple[int, float, bytes]:
    """The PDF at one type scale, with its page count and the height its content takes in all."""
    doc = _Document(scale)
    doc.set_title(printable(f"{content.ui.app_title}: {content.ui.files.pdf_title}"))
    doc.set_creator(printable(content.ui.app_title))
    # The day only, at midnight UTC: the file says when it was made but not at what time.
    doc.set_creation_date(datetime.combine(today, time(), tzinfo=UTC))
    doc.add_page()
    references = _References(summary)
    _top(doc, summary, content, today)
    _flags(doc, summary, content, references)
    _marks(doc, summary, content, references)
    _article(doc, summary, content, references)
    _answers(doc, answers, content)
    _questions(doc, summary, content)
    _sources(doc, references, content)
    _about(doc, summary, content)
    used = (doc.pages_count - 1) * _PAGE_BODY + doc.get_y() - _MARGINS[1]
    doc.number_pages(content.ui.app_title, content.ui.files.page)
    return doc.pages_count, used, bytes(doc.output())


class _References:
    """The summary's references, numbered in the order the summary first cites them."""

    def __init__(self, summary: Summary) -> None:
        self.numbers = {reference.id: number for number, reference in enumerate(summary.references, 1)}
        self.citations = {reference.id: reference.citation for reference in summary.references}

    def cite(self, sources: Iterable[str]) -> str:
        numbers = sorted({self.numbers[s] for s in sources})
        return "[" + ", ".join(str(n) for n in numbers) + "]"


class _Document(FPDF):
    """FPDF with the embedded font and the few layout moves every section uses; sizes are in points at scale 1."""

    def __init__(self, scale: float) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.scale = scale
        for style, path in FONT_FILES.items():
            self.add_font(_FAMILY, style, path)
        left, top, right, bottom = _MARGINS
        self.set_margins(left=left, top=top, right=right)
        self.set_auto_page_break(auto=True, margin=bottom)
        # No "{nb}" alias: a person's note could contain that text, and it must print as typed.
        self.alias_nb_pages(None)
        self.c_margin = 0

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


def _top(doc: _Document, summary: Summary, content: Content, today: date) -> None:
    ui, general = content.ui.summary, content.general
    doc.para(content.ui.app_title, _SMALL, colour=_MUTED)
    doc.para(content.ui.files.pdf_title, _TITLE, bold=True)
    doc.para(f"{ui.made_on}: {today.isoformat()}  ·  {ui.content_version}: {summary.content_version}", _SMALL)
    doc.ln(doc.mm(1))
    doc.para(ui.intro, _SMALL, colour=_MUTED)
    doc.ln(doc.mm(2.2))

    overall = general.levels[summary.level]
    pad, bar = doc.mm(2.2), doc.mm(2.2)
    indent = bar + pad
    doc.set_right_margin(doc.r_margin + pad)
    height = doc.line_height(_HEADING) + doc.height(overall.headline, indent=indent) + 2 * pad
    top = doc.get_y()
    doc.set_fill_color(*_SHADE)
    doc.rect(doc.l_margin, top, doc.epw + pad, height, style="F")
    doc.swatch(summary.level, doc.l_margin, top, bar, height)
    doc.set_y(top + pad)
    doc.runs([(f"{ui.overall}: ", False), (overall.label, True)], _HEADING, indent=indent)
    doc.para(overall.headline, indent=indent)
    doc.set_right_margin(doc.r_margin - pad)
    doc.set_y(top + height)


def _flags(doc: _Document, summary: Summary, content: Content, references: _References) -> None:
    ui, general = content.ui.summary, content.general
    doc.heading(ui.flags)
    if not summary.flags:
        doc.para(ui.no_flags)
        return
    indent = doc.mm(3)
    for level in (Level.URGENT, Level.CONSULT, Level.NOTE):
        group = [f for f in summary.flags if f.level is level]
        if not group:
            continue
        doc.gap(1)
        doc.keep(doc.line_height(_SUBHEADING) + doc.mm(14))
        size = doc.line_height(_SUBHEADING)
        doc.swatch(level, doc.l_margin, doc.get_y() + size * 0.2, size * 0.6, size * 0.6)
        doc.para(general.levels[level].label, _SUBHEADING, bold=True, indent=indent)
        for flag in group:
            lead = [(f"{flag.title}. ", True), (f"{flag.reason} {references.cite(flag.sources)}", False)]
            action = [(f"{ui.action}: ", True), (flag.action, False)]
            why = [(f"{ui.why_seeing}: ", True), (triggers_text(flag, content), False)]
            block = sum(
                doc.height("".join(t for t, _ in runs), size, indent=indent)
                for runs, size in ((lead, _BODY), (action, _BODY), (why, _SMALL))
            )
            doc.gap(0.6)
            doc.keep(block)
            top, page = doc.get_y(), doc.page
            doc.runs(lead, indent=indent)
            doc.runs(action, indent=indent)
            doc.runs(why, _SMALL, indent=indent, colour=_MUTED)
            if doc.page == page:  # a bar in the level's colour beside a flag that stayed on one page
                bar = doc.get_y() - top - doc.mm(1)
                doc.swatch(level, doc.l_margin + doc.mm(0.4), top + doc.mm(0.5), doc.mm(0.8), bar)


def _marks(doc: _Document, summary: Summary, content: Content, references: _References) -> None:
    ui, general = content.ui.summary, content.general
    doc.heading(ui.marks)
    for mark in summary.marks:
        fit = general.fit[mark.glutathione_fit]
        head = [(mark.name, True), (f"  ·  {ui.glutathione}: ", False), (fit.label, True)]
        works = [(f"{ui.what_works}: ", True), (f"{mark.what_works} {references.cite(mark.sources)}", False)]
        doc.gap(0.6)
        doc.keep(doc.line_height(_SUBHEADING) + doc.height("".join(t for t, _ in works)))
        doc.runs(head, _SUBHEADING)
        doc.runs(works)


def _article(doc: _Document, summary: Summary, content: Content, references: _References) -> None:
    ui, general = content.ui.summary, content.general
    doc.heading(ui.article)
    doc.para(ui.article_intro, _SMALL, colour=_MUTED)
    doc.gap(1)
    graded = [
        (section.title, f"{general.evidence[section.evidence].label} {references.cite(section.sources)}")
        for section in summary.article
    ]
    if not graded:
        return
    # Two lists side by side, read down the left half first; the section's intro says what the grade is.
    half = (len(graded) + 1) // 2
    left, right = graded[:half], graded[half:]
    rows = [(*left[i], *(right[i] if i < len(right) else ("", ""))) for i in range(half)]
    _table(doc, rows, (29, 21, 29, 21), bold=(1, 3), heading=False)


def _answers(doc: _Document, answers: Answers, content: Content) -> None:
    ui = content.ui.summary
    doc.heading(ui.answers, then=25)
    rows = [(content.field_label(f), content.answer_text(answers, f)) for f in Field if f is not Field.NOTES]
    _table(doc, [(ui.question, ui.answer), *rows], (44, 56))

    doc.gap(2.2)
    doc.keep(doc.line_height(_SUBHEADING) + doc.mm(10))
    doc.para(ui.notes, _SUBHEADING, bold=True)
    notes = _note_lines(answers.notes)
    if not notes:
        doc.para(ui.no_notes, colour=_MUTED)
        return
    pad = doc.mm(1.6)
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


def _table(
    doc: _Document, rows: Sequence[Sequence[str]], widths: Sequence[int], bold: Sequence[int] = (), heading: bool = True
) -> None:
    """A compact table, its first row a heading if `heading`; the columns numbered in `bold` are set in bold."""
    doc.use(_SMALL)
    doc.set_draw_color(*_RULE)
    doc.set_line_width(0.15)
    doc.set_fill_color(255, 255, 255)  # fpdf2's table paints its cells with the current fill colour
    strong = FontFace(family=_FAMILY, emphasis="BOLD", size_pt=_SMALL * doc.scale, color=_INK)
    with doc.table(
        col_widths=tuple(widths),
        text_align="LEFT",
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        line_height=doc.line_height(_SMALL),
        padding=(doc.mm(0.5), doc.mm(1.5), doc.mm(0.5), 0),
        headings_style=strong,
        first_row_as_headings=heading,
    ) as table:
        for index, cells in enumerate(rows):
            row = table.row()
            for column, text in enumerate(cells):
                row.cell(printable(text), style=strong if (index or not heading) and column in bold else None)


def _questions(doc: _Document, summary: Summary, content: Content) -> None:
    doc.heading(content.ui.summary.questions)
    width = doc.mm(6)
    for number, question in enumerate(summary.questions_for_provider, 1):
        doc.keep(doc.height(question, indent=width))
        top = doc.get_y()
        doc.use(_BODY, bold=True)
        doc.cell(width, doc.line_height(_BODY), f"{number}.")
        doc.set_y(top)
        doc.para(question, indent=width)
        doc.ln(doc.mm(0.4))


def _sources(doc: _Document, references: _References, content: Content) -> None:
    """One run-on paragraph of numbered references: looked up by number, so they need no lines of their own."""
    doc.heading(content.ui.summary.sources)
    runs = [
        run
        for reference_id, number in references.numbers.items()
        for run in ((f"[{number}]\u00a0", True), (f"{references.citations[reference_id]}    ", False))
    ]
    doc.runs(runs, _TINY, colour=_MUTED)


def _about(doc: _Document, summary: Summary, content: Content) -> None:
    ui = content.ui.summary
    doc.heading(ui.about, then=14)
    doc.para(summary.disclaimer)
    doc.ln(doc.mm(0.8))
    doc.para(f"{ui.content_version}: {summary.content_version}", _SMALL, colour=_MUTED)

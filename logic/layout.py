"""The summary's reading order, decided once: the web page, the Markdown and the PDF draw this layout.

A worried person reads the summary, so it opens with what to do and how soon (the next step), then the plan
(the answer to "should I do this, and will it help my marks?" for each way they are considering; when there is
no next step, the plan opens the summary instead, so nothing above it reads as a go-ahead), then the flags
grouped by level, one card per mark, the article's claims each beside its grade, the questions for the
dermatologist or doctor, and the references, numbered once in the order they are first cited.

The web page shows only what fits in `WEB_WORDS` words by default; the rest of each item is one click away.
Which parts are shown is decided here too (`Layout.fold`): when all of it would be too long, the parts lowest
on the page are folded first, one at a time, so the top of the summary (the next step, then the flags) is
always shown in full, and so is the plan. The Markdown and the PDF ignore the folding: they carry what the page folds.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache, partial

from .content import Content, LabelText, default_content, languages
from .summary import FlagResult, MarkResult, PlanEntry, Reference, SectionResult, Summary
from .vocab import Evidence, Level, NextStep, When

WEB_WORDS = 700  # the most words the web page shows by default, for any answers
GATE_WORDS = 250  # the most before "read the rest" when the next step is `now`
# The most "do these first" actions in the next-step box: three first aids when help is needed now, two
# otherwise, so that on a phone the plan's answer still shows in the first screen under the box.
DO_FIRST = 2
DO_FIRST_NOW = 3

_WORD = re.compile(r"[^\W_]", re.UNICODE)
_LEVELS = (Level.URGENT, Level.CONSULT, Level.NOTE)


@lru_cache(maxsize=8192)
def count_words(text: str) -> int:
    """Words as a reader counts them: runs of non-space characters holding a letter or digit. Cached: folding
    counts the same few hundred texts of the content again at each step."""
    return sum(1 for token in text.split() if _WORD.search(token))


@dataclass(frozen=True)
class NextStepBox:
    """What the summary opens with: who to contact and how soon, why, and what to do first."""

    step: NextStep
    icon: str
    label: str
    instruction: str
    why: str | None  # one sentence naming the flags that set how soon; None when there is nothing to do
    first: tuple[str, ...]  # at most DO_FIRST actions, from the flags in order

    @property
    def emergency(self) -> bool:
        """The next step is `now`: the box is announced, and the rest of the summary waits behind one control."""
        return self.step is NextStep.NOW


@dataclass(frozen=True)
class PlanLine:
    entry: PlanEntry
    cite: str  # its sources by number, "[1, 4]"


@dataclass(frozen=True)
class FlagItem:
    flag: FlagResult
    step: int | None  # its number in the next-step box's "do these first", where its action is already said
    why_seeing: str  # the answers that raised it, in words
    cite: str  # its sources by number, "[1, 4]"
    folded: bool = False  # on the web page: only the title shows; what to do is one click away

    @property
    def action_shown(self) -> bool:
        return self.step is None and not self.folded


@dataclass(frozen=True)
class FlagGroup:
    level: Level
    icon: str
    label: str
    flags: tuple[FlagItem, ...]
    folded: bool = False  # on the web page: the whole group is one disclosure


@dataclass(frozen=True)
class MarkCard:
    mark: MarkResult
    fit: LabelText
    fit_shown: bool  # the fit's label, unless the one line on glutathione already starts with it
    cite: str
    works_folded: bool = False
    line_folded: bool = False  # even the one line on glutathione is one click away


@dataclass(frozen=True)
class Claim:
    section: SectionResult
    grade: LabelText
    cite: str
    why: tuple[str, ...]  # why it is shown, leaving out what an earlier claim already said
    folded: bool = False  # on the web page: the section's title only, the claim and its grade inside

    @property
    def label(self) -> str:
        """The claim in a few words with its grade beside it: the label of its fold, never the claim alone."""
        return f"{self.section.title} — {self.grade.icon} {self.grade.label}"


@dataclass(frozen=True)
class Layout:
    next_step: NextStepBox
    plan: tuple[PlanLine, ...]
    groups: tuple[FlagGroup, ...]
    marks: tuple[MarkCard, ...]
    key: tuple[LabelText, ...]  # the meaning of each grade the claims use, once, in a fixed order
    claims: tuple[Claim, ...]
    questions: tuple[str, ...]
    references: tuple[Reference, ...]  # numbered from 1 in this order
    disclaimer: str
    content_version: str
    content: Content
    article_folded: bool = False
    questions_folded: bool = False
    # What the page shows around the summary, counted with it: the language switch, each language in its own
    # words (the notice that no clinician has reviewed the wording is the summary's own: `rest`).
    frame: tuple[str, ...] = ()

    @property
    def plan_first(self) -> bool:
        """With no next step, the plan opens the summary: the none box then reads as what it is, no warning."""
        return self.next_step.step is NextStep.NONE

    @property
    def flags(self) -> tuple[FlagItem, ...]:
        return tuple(item for group in self.groups for item in group.flags)

    # --- What the web page shows by default, in its order ------------------------------------------------

    def opening(self, *, gate: bool = True) -> Iterator[str]:
        """The title and the next-step box: what shows before "read the rest" when the next step is `now`
        (with that control, unless `gate` is false: once the rest is open, the control is gone)."""
        ui, box = self.content.ui.summary, self.next_step
        yield ui.title
        if self.plan_first:
            yield from self._plan()
        yield from (box.label, box.instruction)
        if box.why:
            yield box.why
        if box.first:
            yield ui.do_first
            yield from box.first
        if box.emergency and gate:
            yield ui.read_rest

    def rest(self) -> Iterator[str]:
        """The rest of the page as shown by default: headings, texts and the labels of closed disclosures."""
        ui = self.content.ui.summary
        if not self.plan_first:
            yield from self._plan()
        # No doctor has checked the wording: said before the flags, until a review is recorded.
        if self.content.review_notice:
            yield self.content.review_notice
        yield ui.flags
        if not self.groups:
            yield ui.no_flags
        for group in self.groups:
            yield f"{group.icon} {group.label}"
            if group.folded:
                continue
            for item in group.flags:
                if item.folded:
                    yield item.flag.title
                    continue
                yield item.flag.title
                yield ui.action
                yield ui.see_step.format(number=item.step) if item.step else item.flag.action
                yield ui.why_more
        if self.marks:
            yield ui.marks
        for card in self.marks:
            yield card.mark.name
            if not card.line_folded:
                yield ui.glutathione
                if card.fit_shown:
                    yield f"{card.fit.icon} {card.fit.label}"
                yield card.mark.glutathione
            if not card.works_folded:
                yield ui.what_works
                yield card.mark.what_works
            yield ui.mark_more_folded if card.works_folded else ui.mark_more
        if self.claims:
            yield from self._article()
        if self.questions_folded:
            yield ui.questions
        else:
            yield ui.questions
            yield from self.questions
        yield ui.downloads
        yield from self._download_labels()
        yield ui.sources
        yield ui.about
        yield self.content.ui.nav.change_answers
        yield self.content.ui.nav.start_over

    def _plan(self) -> Iterator[str]:
        """One line per route with its advice; its reason and sources one click away."""
        ui = self.content.ui.summary
        yield ui.plan
        for line in self.plan:
            yield from (line.entry.title, ui.plan_more)

    def _article(self) -> Iterator[str]:
        ui = self.content.ui.summary
        yield ui.article
        if self.article_folded:
            return
        yield ui.grade_key
        for grade in self.key:
            yield f"{grade.icon} {grade.label}: {grade.meaning}"
        for claim in self.claims:
            if claim.folded:
                yield claim.label
                continue
            yield claim.section.article_says
            yield f"{ui.evidence}: {claim.grade.icon} {claim.grade.label}."
            yield claim.section.verdict
            yield ui.claim_more

    def _download_labels(self) -> Iterator[str]:
        files, ui = self.content.ui.files, self.content.ui.summary
        yield from (files.download_pdf, ui.download_markdown, files.save_answers, files.download_fhir)

    def web_words(self) -> int:
        """Words the web page shows by default (for `now`: once "read the rest" is open), its frame included."""
        return sum(count_words(text) for text in (*self.frame, *self.opening(gate=False), *self.rest()))

    def opening_words(self) -> int:
        """Words before "read the rest": the summary's own, its frame (the language switch) not counted."""
        return sum(count_words(text) for text in self.opening())

    # --- Folding, lowest on the page first ----------------------------------------------------------------

    def _fold_steps(self) -> list[Callable[["Layout"], "Layout"]]:
        """Each next fold of the web page, lowest on the page first."""
        return [
            *(partial(Layout._fold_claim, index=i) for i in reversed(range(len(self.claims)))),
            lambda lay: replace(lay, questions_folded=True),
            *(partial(Layout._fold_works, index=i) for i in reversed(range(len(self.marks)))),
            *(partial(Layout._fold_flag, index=i) for i in reversed(range(len(self.flags)))),
            lambda lay: replace(lay, article_folded=True),
            *(partial(Layout._fold_line, index=i) for i in reversed(range(len(self.marks)))),
            *(partial(Layout._fold_group, index=i) for i in reversed(range(len(self.groups)))),
        ]

    def fold(self, most_words: int = WEB_WORDS) -> "Layout":
        """This layout with as few folds as keep the web page within `most_words` words, lowest on the page first."""
        current = self
        for step in self._fold_steps():
            if current.web_words() <= most_words:
                break
            current = step(current)
        return current

    def _fold_claim(self, index: int) -> "Layout":
        claims = list(self.claims)
        claims[index] = replace(claims[index], folded=True)
        return replace(self, claims=tuple(claims))

    def _fold_works(self, index: int) -> "Layout":
        marks = list(self.marks)
        marks[index] = replace(marks[index], works_folded=True)
        return replace(self, marks=tuple(marks))

    def _fold_line(self, index: int) -> "Layout":
        marks = list(self.marks)
        marks[index] = replace(marks[index], line_folded=True)
        return replace(self, marks=tuple(marks))

    def _fold_flag(self, index: int) -> "Layout":
        target = self.flags[index]
        if target.step is not None:  # its action is in the next-step box already: nothing more to fold
            return self
        groups = tuple(
            replace(g, flags=tuple(replace(f, folded=True) if f is target else f for f in g.flags)) for g in self.groups
        )
        return replace(self, groups=groups)

    def _fold_group(self, index: int) -> "Layout":
        group = self.groups[index]
        if any(item.step is not None for item in group.flags):  # it holds a flag the next step points to
            return self
        groups = list(self.groups)
        groups[index] = replace(group, folded=True)
        return replace(self, groups=tuple(groups))

    # --- Numbering -------------------------------------------------------------------------------------

    def number(self, reference_id: str) -> int:
        return next(n for n, r in enumerate(self.references, 1) if r.id == reference_id)


def _cite(sources: tuple[str, ...], numbers: dict[str, int]) -> str:
    return "[" + ", ".join(str(n) for n in sorted({numbers[s] for s in sources})) + "]"


def _joined(items: list[str], content: Content) -> str:
    """'A', 'A and B', 'A, B and C', in the content's words."""
    *rest, last = items
    return f"{', '.join(rest)} {content.ui.summary.and_word} {last}" if rest else last


def triggers_text(flag: FlagResult, content: Content) -> str:
    """'Why you are seeing this', in words: each answer that fired the flag."""
    return "; ".join(
        f"{content.field_label(t.field)} — {content.option_label(t.field, t.value)}" for t in flag.triggered_by
    )


_GRADE_ORDER = (Evidence.SUPPORTED, Evidence.LIMITED, Evidence.UNKNOWN, Evidence.NOT_SUPPORTED)


def layout(summary: Summary, content: Content | None = None) -> Layout:
    """The summary in reading order, with nothing folded; `.fold()` gives the web page's default view."""
    content = content or default_content()
    ui, general = content.ui.summary, content.general
    numbers = {reference.id: number for number, reference in enumerate(summary.references, 1)}

    # The flags at the level of the first (urgent ones when any, else consult ones): a step for before any
    # treatment does not sit beside getting care today, where it would push the plan off a phone's first screen.
    top = summary.flags[0].level if summary.flags else Level.NONE
    acting = [f for f in summary.flags if f.level is top and top in (Level.URGENT, Level.CONSULT)]
    if summary.next_step is NextStep.NOW:
        # In an emergency only what to do now comes before "read the rest": a step for today (isotretinoin in
        # a pregnancy, say) heads the flags behind it, where it is not lost among three long first aids.
        acting = [f for f in acting if f.when is When.NOW]
    most = DO_FIRST_NOW if summary.next_step is NextStep.NOW else DO_FIRST
    acting = [] if summary.next_step is NextStep.NONE else acting[:most]
    steps = {flag.id: number for number, flag in enumerate(acting, 1)}
    # Why: the flags that set how soon, the first ones with the next step's own time frame.
    urgent = [f for f in acting if str(f.when) == str(summary.next_step)]
    next_step = general.next_step[summary.next_step]
    words = next_step.for_flags(f.id for f in summary.flags if str(f.when) == str(summary.next_step))
    box = NextStepBox(
        step=summary.next_step,
        icon=next_step.icon,
        label=words.label,
        instruction=words.instruction,
        why=ui.why.format(titles=_joined([f"“{f.title}”" for f in urgent], content)) if urgent else None,
        first=tuple(f.action for f in acting),
    )
    groups = tuple(
        FlagGroup(
            level=level,
            icon=general.levels[level].icon,
            label=general.levels[level].label,
            flags=tuple(
                FlagItem(
                    flag=f,
                    step=steps.get(f.id),
                    why_seeing=triggers_text(f, content),
                    cite=_cite(f.sources, numbers),
                )
                for f in summary.flags
                if f.level is level
            ),
        )
        for level in _LEVELS
        if any(f.level is level for f in summary.flags)
    )
    marks = tuple(
        MarkCard(
            mark=m,
            fit=general.fit[m.glutathione_fit],
            fit_shown=not m.glutathione.casefold().startswith(general.fit[m.glutathione_fit].label.casefold()),
            cite=_cite(m.sources, numbers),
        )
        for m in summary.marks
    )
    used = {s.evidence for s in summary.article}
    said: set[str] = set()
    whys = []
    for section in summary.article:
        whys.append(tuple(w for w in section.why_shown if w not in said))
        said.update(section.why_shown)
    return Layout(
        next_step=box,
        plan=tuple(PlanLine(entry=entry, cite=_cite(entry.sources, numbers)) for entry in summary.plan),
        groups=groups,
        marks=marks,
        key=tuple(general.evidence[e] for e in _GRADE_ORDER if e in used),
        claims=tuple(
            Claim(section=s, grade=general.evidence[s.evidence], cite=_cite(s.sources, numbers), why=why)
            for s, why in zip(summary.article, whys, strict=True)
        ),
        questions=summary.questions_for_provider,
        references=summary.references,
        disclaimer=summary.disclaimer,
        content_version=summary.content_version,
        content=content,
        frame=_language_names(),
    )


@cache
def _language_names() -> tuple[str, ...]:
    return tuple(languages().values())

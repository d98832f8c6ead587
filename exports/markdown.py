"""The summary as a Markdown document to download, print or bring to an appointment.

It follows the summary's layout (`logic/layout.py`) in the web page's order, with every detail the page
folds away written out, each fact once: sources are cited by number and listed once at the end.
"""

import re
from datetime import date

from logic.answers import Answers
from logic.content import Content, default_content
from logic.layout import Layout, layout
from logic.summary import Summary
from logic.vocab import Field

__all__ = ["escape", "render_markdown"]

# Escaped wherever they are: they start emphasis, code, links, HTML, entities, tables, strikethrough or maths.
_ACTIVE = re.compile(r"([\\`*_\[\]<>|~&$])")
# Escaped only where they act: a heading, list, rule or setext underline at the start of a line, an ordered
# list's "1." or "1)", and the "://" and "www." that some viewers turn into a link.
_LINE_START = re.compile(r"^(\s*)([#+=-])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])")
_LINK_LIKE = re.compile(r"(?i)(?<=\w)(:)(?=//)|(?<=\bwww)(\.)")


def escape(text: str) -> str:
    """Make a person's own line of text show literally in Markdown, and read cleanly as plain text too: no
    links, HTML, headings, lists or emphasis, and a backslash only before a character that would act (a full
    stop or a dash inside a sentence stays as it is)."""
    text = _ACTIVE.sub(r"\\\1", text)
    text = _LINK_LIKE.sub(lambda m: "\\" + m.group(0), text)
    text = _ORDERED.sub(r"\1\\\2", text)
    return _LINE_START.sub(r"\1\\\2", text)


def render_markdown(
    summary: Summary, answers: Answers | None = None, content: Content | None = None, today: date | None = None
) -> str:
    content = content or default_content()
    return "\n".join(_lines(layout(summary, content), answers, today)) + "\n"


def _lines(lay: Layout, answers: Answers | None, today: date | None) -> list[str]:
    content = lay.content
    ui = content.ui.summary
    box = lay.next_step
    out: list[str] = [f"# {content.ui.app_title}", "", f"## {ui.title}", ""]
    if lay.plan_first:  # nothing to act on: the answer to the person's own question comes first
        out += _plan(lay)
    out += [f"### {box.icon} {box.label}", "", box.instruction, ""]
    if box.why:
        out += [box.why, ""]
    if box.first:
        out += [f"**{ui.do_first}**", ""]
        out += [f"{number}. {action}" for number, action in enumerate(box.first, 1)]
        out += [""]
    if not lay.plan_first:
        out += _plan(lay)
    if content.review_notice:  # no doctor has checked the wording: said before the flags, as on the page
        out += [f"*{content.review_notice}*", ""]

    out += [f"## {ui.flags}", ""]
    if not lay.groups:
        out += [ui.no_flags, ""]
    for group in lay.groups:
        out += [f"### {group.icon} {group.label}", ""]
        for item in group.flags:
            todo = ui.see_step.format(number=item.step) if item.step else item.flag.action
            out += [
                f"#### {item.flag.title}",
                "",
                f"**{ui.action}:** {todo}",
                "",
                f"{item.flag.reason} {item.cite}",
                "",
                f"*{ui.why_seeing}:* {item.why_seeing}",
                "",
            ]

    if lay.marks:
        out += [f"## {ui.marks}", ""]
    for card in lay.marks:
        # The fit's label goes with the heading of the line, so two cards with the same fit say it in one
        # sentence each with their own reason, never as the same sentence twice.
        fit = f" ({card.fit.icon} {card.fit.label})" if card.fit_shown else ""
        out += [
            f"### {card.mark.name}",
            "",
            f"- **{ui.glutathione}{fit}:** {card.mark.glutathione}",
            f"- **{ui.what_works}:** {card.mark.what_works} {card.cite}",
            f"- **{ui.recognise}:** {card.mark.recognise}",
            "",
            card.mark.description,
            "",
        ]

    if lay.claims:
        out += [f"## {ui.article}", "", ui.article_intro, "", f"**{ui.grade_key}**", ""]
        out += [f"- {grade.icon} **{grade.label}:** {grade.meaning}" for grade in lay.key]
        out += [""]
    for claim in lay.claims:
        section, grade = claim.section, claim.grade
        out += [
            f"### {section.title}",
            "",
            section.article_says,
            "",
            f"**{ui.evidence}: {grade.icon} {grade.label}** — {section.verdict}",
            "",
            f"{section.evidence_note} {claim.cite}",
            "",
        ]
        if claim.why:
            out += [f"*{ui.shown_because}:* {' '.join(claim.why)}", ""]

    out += [f"## {ui.questions}", ""]
    out += [f"{number}. {question}" for number, question in enumerate(lay.questions, 1)]
    out += [""]

    if answers is not None:
        out += [f"## {ui.answers}", "", f"| {ui.question} | {ui.answer} |", "|---|---|"]
        for field in Field:
            if field is not Field.NOTES:
                out.append(f"| {content.field_label(field)} | {content.answer_text(answers, field)} |")
        out += ["", f"**{ui.notes}:**", ""]
        notes = answers.notes.strip()
        out += [f"> {escape(line)}" if line else ">" for line in notes.split("\n")] if notes else [ui.no_notes]
        out += [""]

    if lay.references:
        out += [f"## {ui.sources}", ""]
        out += [_reference(number, r.citation, r.url) for number, r in enumerate(lay.references, 1)]
        out += [""]

    out += ["---", "", f"## {ui.about}", "", ui.intro, "", lay.disclaimer, ""]
    if record := content.review_record():
        out += [record, ""]
    out.append(
        f"{ui.content_version}: {lay.content_version}" + (f" · {ui.made_on}: {today.isoformat()}" if today else "")
    )
    return out


def _plan(lay: Layout) -> list[str]:
    """One line per route: the advice in bold, then why, with its sources by number."""
    out = [f"### {lay.content.ui.summary.plan}", ""]
    out += [f"- **{line.entry.title}.** {line.entry.reason} {line.cite}" for line in lay.plan]
    return [*out, ""]


def _reference(number: int, citation: str, url: str | None) -> str:
    return f"{number}. {citation}" + (f" {url}" if url else "")  # a bare address: no link in CommonMark

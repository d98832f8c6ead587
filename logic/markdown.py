"""The summary as a Markdown document to download, print or bring to an appointment."""

import re
from datetime import date

from .answers import Answers
from .content import Content, default_content
from .summary import FlagResult, Summary
from .vocab import Field, Level

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&=:])")


def escape(text: str) -> str:
    """Make a person's own text show literally in Markdown: no links, HTML, headings or emphasis."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def triggers_text(flag: FlagResult, content: Content) -> str:
    """'Why you are seeing this', in words: each answer that fired the flag."""
    return "; ".join(
        f"{content.field_label(t.field)} — {content.option_label(t.field, t.value)}" for t in flag.triggered_by
    )


def render_markdown(
    summary: Summary, answers: Answers | None = None, content: Content | None = None, today: date | None = None
) -> str:
    content = content or default_content()
    ui, general = content.ui.summary, content.general
    overall = general.levels[summary.level]
    out: list[str] = [f"# {content.ui.app_title}", "", f"## {ui.title}", "", ui.intro, ""]
    out += [f"### {ui.overall}: {overall.icon} {overall.label}", "", overall.headline, ""]

    out += [f"## {ui.flags}", ""]
    if not summary.flags:
        out += [ui.no_flags, ""]
    for level in (Level.URGENT, Level.CONSULT, Level.NOTE):
        group = [f for f in summary.flags if f.level is level]
        if group:
            out += [f"### {general.levels[level].icon} {general.levels[level].label}", ""]
        for flag in group:
            out += [
                f"#### {flag.title}",
                "",
                flag.reason,
                "",
                f"- **{ui.action}:** {flag.action}",
                f"- **{ui.why_seeing}:** {triggers_text(flag, content)}",
                f"- **{ui.source}:** {flag.source}",
                "",
            ]

    out += [f"## {ui.marks}", ""]
    for mark in summary.marks:
        fit = general.fit[mark.glutathione_fit]
        out += [
            f"### {mark.name}",
            "",
            mark.description,
            "",
            f"- **{ui.glutathione}:** {fit.icon} {fit.label}. {mark.glutathione}",
            f"- **{ui.recognise}:** {mark.recognise}",
            f"- **{ui.what_works}:** {mark.what_works}",
            f"- **{ui.sources}:** {content.sources_line(mark.sources)}",
            "",
        ]

    out += [f"## {ui.article}", "", ui.article_intro, ""]
    for section in summary.article:
        grade = general.evidence[section.evidence]
        out += [
            f"### {section.title}",
            "",
            f"**{ui.article_says}:** {section.article_says}",
            "",
            f"**{ui.evidence}: {grade.icon} {grade.label}.** {section.verdict} {section.evidence_note}"
            f" ({ui.source}: {content.sources_line(section.sources)})",
            "",
            f"*{ui.shown_because}:* {' '.join(section.why_shown)}",
            "",
        ]

    out += [f"## {ui.questions}", ""]
    out += [f"{number}. {question}" for number, question in enumerate(summary.questions_for_provider, 1)]
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

    out += ["---", "", f"## {ui.about}", "", summary.disclaimer, ""]
    out.append(
        f"{ui.content_version}: {summary.content_version}" + (f" · {ui.made_on}: {today.isoformat()}" if today else "")
    )
    return "\n".join(out) + "\n"

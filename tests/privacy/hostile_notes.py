"""Notes written to break a page, a Markdown file or a PDF: markup, links, one long word, hard Unicode.

Each sets `window.__pwned` (or fetches from example.com) if anything in it ever runs or loads.
"""

from logic.answers import NOTES_MAX_LENGTH

HTML = (
    "<script>window.__pwned = 1</script>"
    '<img src=x onerror="window.__pwned = 2">'
    '<svg onload="window.__pwned = 3"></svg>'
    '<iframe src="javascript:window.__pwned = 4"></iframe>'
    '<a href="javascript:window.__pwned = 5">click</a>'
    "<style>body { display: none }</style><b>bold</b>"
    '<img src="http://example.com/pixel.png">'
)
MARKDOWN = (
    "[click me](javascript:window.__pwned=6) ![pixel](http://example.com/pixel.png) <http://example.com/auto>\n"
    "# Heading\n"
    "**bold** _italic_ `code` ~~gone~~ :smile: :material/home: $$x^2$$\n"
    "> quoted\n"
    "| a | b |\n"
    "|---|---|\n"
    "---\n"
    "<!-- comment --> &amp; &lt;b&gt; \\*escaped\\*"
)
LONG_WORD = "W" * NOTES_MAX_LENGTH  # the widest letter, 500 of them without a space
UNICODE = (
    "\u202eRTL override: this reads backwards\u202c "
    "\u202bعربي مع English\u202c "
    "family 👩\u200d👩\u200d👧\u200d👦 thumbs 👍🏽 flag 🏳️\u200d🌈 "
    "e\u0301\u0302\u0303\u0304 Z\u0334\u0321\u0327a\u0337l\u0336g\u0338o\u0335 "
    "漢字 かな カナ 한국어 "
    "zero\u200bwidth\u200cjoin\u200d\u2060word \ufeff "
    "𝕳𝖊𝖑𝖑𝖔 Ω≈ç√ ﷽"
)
NOTES = {"html": HTML, "markdown": MARKDOWN, "long-word": LONG_WORD, "unicode": UNICODE}
assert all(len(note) <= NOTES_MAX_LENGTH for note in NOTES.values())

# Tags a note must never become, in the page or in rendered Markdown.
ACTIVE_TAGS = ("script", "img", "svg", "iframe", "a", "style", "b", "strong", "em", "h1", "table", "blockquote")

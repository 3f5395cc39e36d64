"""The validation report's blocks written out: as Markdown (``report.md``) and as one HTML page (``report.html``).

The report is built once, as a list of blocks in its language (``analysis.validation_report.document``),
and written twice from them, so the two files cannot say different things. The blocks know nothing of
the language: a table arrives with its headers already translated and says itself which columns hold
figures (right-aligned) or dates (never wrapped), since a translated header can no longer tell. The page
is made for print as well as the screen: it fits A4 without cutting a table, repeats a table's headings
on each page and splits no row or figure across two pages.
"""

import html
import re
from dataclasses import dataclass

#: A block of the report: ("h1" | "h2" | "p", text), ("ul", [items]), ("table", Table) or ("figure", Figure).
#: Text marks **bold**, *italics* and `code` as Markdown does; the HTML renders them.
Block = tuple[str, object]


@dataclass(frozen=True)
class Table:
    """A table as the reader sees it: headers in the report's language, cells as text, and each column's kind.

    ``kinds`` has one entry a column: ``"num"`` (figures, right-aligned), ``"date"`` (kept on one line: a
    printed table wraps its words, never a date) or ``""``.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    """The figure's file (beside the report), its alternative text and its caption."""

    file: str
    alt: str
    caption: str


#: The page on screen and printed on A4: the tables wrap inside the page's width (nothing is cut at its
#: right edge), their headings repeat on each page, and no row or the figure is split across two pages.
STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.4}"
    "table{border-collapse:collapse;font-size:85%;margin:0.5em 0 1em}td,th{border:1px solid #ccc;padding:2px 5px;vertical-align:top;overflow-wrap:break-word}"
    "th{background:#f0f2f5;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}td.date{white-space:nowrap}"
    "code{overflow-wrap:anywhere}figure{margin:1em 0}img{max-width:100%;height:auto}figcaption{color:#555;font-size:90%}"
    "@page{size:A4;margin:12mm}"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt}table{font-size:7pt}td,th{padding:1px 3px}"
    "thead{display:table-header-group}tr,figure{break-inside:avoid}h2{break-after:avoid}figure img{max-height:240mm}}"
)


def markdown(blocks: list[Block]) -> str:
    """The blocks as Markdown: a table as a pipe table, the figure as an image with its caption below."""
    lines: list[str] = []
    for kind, content in blocks:
        if isinstance(content, Table):
            lines += ["| " + " | ".join(content.headers) + " |", "|" + "---|" * len(content.headers)]
            lines += ["| " + " | ".join(row) + " |" for row in content.rows]
        elif isinstance(content, Figure):
            lines += [f"![{content.alt}]({content.file})", "", content.caption]
        elif kind == "ul":
            lines += [f"- {item}" for item in content]  # type: ignore[attr-defined]
        else:
            lines.append({"h1": "# ", "h2": "## "}.get(kind, "") + str(content))
        lines.append("")
    return "\n".join(lines)


def html_body(blocks: list[Block]) -> str:
    """The blocks as the body of an HTML page (the figure by its file name: :func:`html_page`'s caller may embed it)."""
    parts = []
    for kind, content in blocks:
        if isinstance(content, Table):
            head = "".join(f"<th>{html.escape(c)}</th>" for c in content.headers)
            rows = "".join(
                "<tr>" + "".join(f"<td{_cell_class(k)}>{html.escape(v)}</td>" for k, v in zip(content.kinds, row, strict=True)) + "</tr>"
                for row in content.rows
            )
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif isinstance(content, Figure):
            alt = html.escape(content.alt, quote=True)
            parts.append(f'<figure><img alt="{alt}" src="{content.file}"><figcaption>{_inline(content.caption)}</figcaption></figure>')
        elif kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{_inline(item)}</li>" for item in content) + "</ul>")  # type: ignore[attr-defined]
        else:
            parts.append(f"<{kind}>{_inline(str(content))}</{kind}>")
    return "".join(parts)


def html_page(body: str, title: str, lang: str) -> str:
    """A whole page around ``body``: its language (for screen readers and hyphenation), title and :data:`STYLE`."""
    return f"<!doctype html><html lang={lang}><meta charset=utf-8><title>{html.escape(title)}</title><style>{STYLE}</style><body>{body}</body></html>\n"


def _cell_class(kind: str) -> str:
    return f" class={kind}" if kind else ""


def _inline(text: str) -> str:
    """Markdown's **bold**, *italics* and `code` as HTML (the text escaped first)."""
    text = html.escape(text)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", text)

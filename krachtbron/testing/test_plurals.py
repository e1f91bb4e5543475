"""A count is followed by the right form of the word: "1 uitnodiging", "2 uitnodigingen".

The break report of issue 15 (finding 10) found "1 uitnodiging(en) verstuurd" on the closing
page. Every such text goes through ``ngettext`` (or ``{% blocktranslate count %}``), so Dutch
and English each get their own singular and plural. This sweep reads every string in the app
code and every template and fails on a word with a bracketed plural ending: "(en)", "(s)",
"(pen)", "(len)" and the like.
"""

import io
import re
import tokenize

from krachtbron.testing.source import ROOT, app_modules

BRACKETED_PLURAL = re.compile(r"[a-zë]\((?:s|'s|e?n|[bdfgklmnprt]en)\)")
NOT_A_PLURAL = ("http(s)", "mac(n)")  # a scheme; a function in a formula


def _found(text: str) -> list[str]:
    return [
        match.group(0)
        for match in BRACKETED_PLURAL.finditer(text)
        if not any(
            text[max(0, match.start() - 4) : match.end()].endswith(word) for word in NOT_A_PLURAL
        )
    ]


def test_no_string_in_the_app_code_has_a_bracketed_plural():
    problems = []
    for path in app_modules():
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.STRING and _found(token.string):
                problems.append(f"{path.relative_to(ROOT)}:{token.start[0]} {token.string[:60]}")
    assert not problems, "\n".join(problems)


def test_no_template_has_a_bracketed_plural():
    problems = [
        f"{path.relative_to(ROOT)}: {_found(path.read_text(encoding='utf-8'))}"
        for path in sorted(ROOT.rglob("templates/**/*.html"))
        if _found(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)


def test_the_sweep_sees_a_bracketed_plural():
    assert _found("%(sent)d uitnodiging(en) verstuurd")
    assert _found("{total} regel(s) verzegeld") and _found("1 kop(pen) uit het kopbestand")
    assert not _found("http(s)://host") and not _found("%(n)d uitnodigingen")

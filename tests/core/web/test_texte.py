"""Texts written once for the terminal and the page: commands between backticks become code."""

from hub.core.web.texte import code_en_ligne


def test_backticked_commands_become_code_and_the_rest_is_escaped() -> None:
    texte = "La reprendre (« Reprendre » ou `hub connectors resume <id>`) puis vérifier <b>."

    assert code_en_ligne(texte) == (
        "La reprendre (« Reprendre » ou <code>hub connectors resume &lt;id&gt;</code>) puis vérifier &lt;b&gt;."
    )
    assert code_en_ligne(None) == ""

"""Reading a resource's Markdown page: title, description, themes, support types, audiences."""

import pytest

from connectors.les_bases.markdown import Libelle, MarkdownIllisible, code, lire_fiche, texte_de_html
from tests.connectors.les_bases.fixtures import MARKDOWN_AMELI, MARKDOWN_SANS_INDEXATION


def test_a_full_page_gives_its_title_description_and_the_three_vocabularies() -> None:
    fiche = lire_fiche(MARKDOWN_AMELI)

    assert fiche.titre == "Créer son compte Ameli pas à pas"
    assert fiche.description == "Une fiche pour accompagner la création d'un compte Ameli.\nAvec captures d'écran."
    assert fiche.themes == [
        Libelle("numerique_en_sante", "Numérique en santé"),
        Libelle("demarches_et_services_en_ligne", "Démarches et services en ligne"),
    ]
    assert [t.code for t in fiche.types_support] == ["tutoriel", "fiche_pratique"]
    assert [p.code for p in fiche.publics] == ["seniors_et_personnes_agees", "tous_publics"]
    assert fiche.contenu.startswith("## Étape 1") and "guide.pdf" in fiche.contenu


def test_unfilled_lists_written_false_are_empty_and_not_part_of_the_description() -> None:
    fiche = lire_fiche(MARKDOWN_SANS_INDEXATION)
    assert (fiche.themes, fiche.types_support, fiche.publics) == ([], [], [])
    assert fiche.description == "Rien n'est renseigné."
    assert fiche.contenu == "Le contenu."


def test_lines_are_recognised_by_their_prefix_in_any_order() -> None:
    fiche = lire_fiche("# T\n\nPublic cible : Parents\n\nThématiques : Parentalité\n")
    assert [p.code for p in fiche.publics] == ["parents"] and [t.code for t in fiche.themes] == ["parentalite"]
    assert fiche.description == ""


@pytest.mark.parametrize(
    ("libelle", "attendu"),
    [
        ("Communication en ligne & réseaux sociaux", "communication_en_ligne_et_reseaux_sociaux"),
        ("Numérique au service de l’environnement", "numerique_au_service_de_l_environnement"),
        ("Souveraineté numérique & hébergement des données", "souverainete_numerique_et_hebergement_des_donnees"),
        ("Économie numérique", "economie_numerique"),
    ],
)
def test_labels_fold_into_les_bases_codes(libelle: str, attendu: str) -> None:
    assert code(libelle) == attendu


def test_a_page_without_a_title_line_is_unreadable() -> None:
    with pytest.raises(MarkdownIllisible, match="titre"):
        lire_fiche("Bonjour\n\nThématiques : Parentalité\n")


def test_html_becomes_plain_text() -> None:
    assert texte_de_html("<ul><li>Un &amp; deux</li><li>trois</li></ul>") == "Un & deux\ntrois"

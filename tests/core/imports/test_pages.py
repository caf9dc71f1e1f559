"""The import pages: upload, analysis (faulty rows and duplicates listed, nothing written),
then confirmation; each mediator reaches their own uploads only."""

from __future__ import annotations

import html
import re
from io import BytesIO
from pathlib import Path

import sqlalchemy as sa
from openpyxl import load_workbook

from hub.core.activites.models import Activite
from hub.core.activites.regles import DATE_AVANT_DISPOSITIF
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.hub import Hub
from tests.core.activites.support import mediateur_en_poste
from tests.core.imports.fichiers import COLLECTIVE, INDIVIDUELLE, ecrire
from tests.core.imports.navigateur import Navigateur
from tests.core.organisation.support import count, utilisateur


CELLULE = r"<t[hd][^>]*>(.*?)</t[hd]>"


def fichier(chemin: Path) -> dict[str, tuple[str, bytes]]:
    return {"fichier": (chemin.name, chemin.read_bytes())}


def jeton(page: str) -> str:
    trouve = re.search(r'name="depot" value="([0-9a-f]{32})"', page)
    assert trouve is not None
    return trouve.group(1)


def cellules(page: str, legende: str) -> list[list[str]]:
    """The rows of the table captioned ``legende``, as text."""
    table = page.split(f"<caption>{legende}</caption>", 1)[1].split("</table>", 1)[0]
    lignes = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cellule)).strip() for cellule in re.findall(CELLULE, ligne, re.S)]
        for ligne in lignes
    ]


async def test_activities_are_analysed_then_imported_once_confirmed(
    hub: Hub, navigateur: Navigateur, tmp_path: Path
) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    await navigateur.connecter(qui.user_id)
    chemin = ecrire(tmp_path, [INDIVIDUELLE, INDIVIDUELLE | {"Date": "01/01/2019"}, COLLECTIVE], "xlsx")

    page = await navigateur.get("/imports/activites")
    analyse = await navigateur.post("/imports/activites", files=fichier(chemin))

    assert page.status_code == 200 and "Durée (min)" in page.text and 'enctype="multipart/form-data"' in page.text
    assert analyse.status_code == 200
    assert cellules(analyse.text, "Lignes en erreur") == [["3", "Date", DATE_AVANT_DISPOSITIF]]
    assert await count(hub, Activite) == 0

    refus = await navigateur.post("/imports/activites/confirmer", {"depot": jeton(analyse.text)})
    assert refus.status_code == 400 and "Rien n'a été importé" in html.unescape(refus.text)
    assert await count(hub, Activite) == 0

    fait = await navigateur.post(
        "/imports/activites/confirmer", {"depot": jeton(refus.text), "garder_valides": "true"}
    )
    assert fait.status_code == 200 and "2 activités importées (5 accompagnements)." in html.unescape(fait.text)
    assert await count(hub, Activite) == 2
    assert (await navigateur.post("/imports/activites/confirmer", {"depot": jeton(refus.text)})).status_code == 404


async def test_beneficiaries_are_analysed_with_their_duplicates_then_imported(
    hub: Hub, navigateur: Navigateur, tmp_path: Path
) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    await navigateur.connecter(qui.user_id)
    lignes = [{"Nom": "Martin", "Prénom": "Alix"}, {"Nom": "MARTIN", "Prénom": "alix"}, {"Nom": "Roux"}]

    analyse = await navigateur.post("/imports/beneficiaires", files=fichier(ecrire(tmp_path, lignes)))

    assert cellules(analyse.text, "Lignes en erreur") == [["4", "Prénom", "Ce champ est obligatoire."]]
    assert cellules(analyse.text, "Doublons possibles") == [
        ["3", "alix MARTIN", "la ligne 2 du fichier", "nom, prenom"]
    ]
    fait = await navigateur.post(
        "/imports/beneficiaires/confirmer", {"depot": jeton(analyse.text), "sans_doublons": "true"}
    )
    assert fait.status_code == 200 and "1 bénéficiaires importés." in fait.text
    async with hub.session() as session:
        assert (await session.scalars(sa.select(Beneficiaire.prenom))).all() == ["Alix"]


async def test_an_unusable_upload_is_shown_again_with_its_error(
    hub: Hub, navigateur: Navigateur, tmp_path: Path
) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    await navigateur.connecter(qui.user_id)
    (tmp_path / "notes.txt").write_text("rien")
    (tmp_path / "a.csv").write_text("Nom;Couleur\nMartin;bleu\n")

    sans_fichier = await navigateur.post("/imports/beneficiaires", files={"autre": ("x", b"")})
    texte = await navigateur.post("/imports/beneficiaires", files=fichier(tmp_path / "notes.txt"))
    colonnes = await navigateur.post("/imports/beneficiaires", files=fichier(tmp_path / "a.csv"))

    assert [page.status_code for page in (sans_fichier, texte, colonnes)] == [400, 400, 400]
    assert 'id="fichier-erreur">Choisissez un fichier .csv ou .xlsx.' in sans_fichier.text
    assert "déposez un fichier .csv ou .xlsx" in texte.text
    assert "Colonne inconnue : « Couleur »." in html.unescape(colonnes.text)


async def test_an_upload_is_confirmed_by_its_own_mediator_only(
    hub: Hub, navigateur: Navigateur, tmp_path: Path
) -> None:
    camille = await mediateur_en_poste(hub, "camille@exemple.fr")
    autre = await mediateur_en_poste(hub, "autre@exemple.fr")
    await navigateur.connecter(camille.user_id)
    analyse = await navigateur.post("/imports/activites", files=fichier(ecrire(tmp_path, [INDIVIDUELLE])))

    await navigateur.connecter(autre.user_id)
    ailleurs = await navigateur.post("/imports/activites/confirmer", {"depot": jeton(analyse.text)})
    invente = await navigateur.post("/imports/activites/confirmer", {"depot": "../../etc/passwd"})

    assert (ailleurs.status_code, invente.status_code) == (404, 404)
    assert await count(hub, Activite) == 0


async def test_the_templates_are_generated_and_coordinators_have_no_import(hub: Hub, navigateur: Navigateur) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    await navigateur.connecter(qui.user_id)

    accueil = await navigateur.get("/imports")
    modele = await navigateur.get("/imports/activites/modele.xlsx")

    assert accueil.status_code == 200 and 'href="/imports/beneficiaires/modele.xlsx"' in accueil.text
    assert modele.headers["content-disposition"] == 'attachment; filename="modele-activites.xlsx"'
    entetes = [c.value for c in load_workbook(BytesIO(modele.content)).worksheets[0][1]]
    assert entetes[:4] == ["Type", "Date", "Durée (min)", "Canal"]

    coordo = await utilisateur(hub, "dominique@exemple.fr", "coordinateur")
    await navigateur.connecter(coordo.id)
    assert (await navigateur.get("/imports")).status_code == 403

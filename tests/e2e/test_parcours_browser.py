"""The hub's main journeys on the demo data set, in a real browser, each page checked by axe-core.

One server for the module: every plugin, the demo catalogues synced from their local files (no
network), the demo identities and their year of CRAs (:mod:`hub.core.demo`), signed in through
the persona picker. The journeys: the demo login, the dashboard with every widget loaded, an
individual CRA and a workshop typed with the keyboard (the helpers of ``test_cra_browser``), the
merge of two duplicate bénéficiaires, the statistics filtered and their XLSX workbook downloaded,
the coordinator's team and its statistics, the operator console.

Every page visited — and every state shown (errors, results loaded by htmx) — is checked with
axe-core's WCAG 2.1 A and AA rules (:mod:`axe`): no serious or critical violation. The others are
printed at the end of the module and listed in ``docs/accessibility.md``. Screenshots are left
in the module's temporary folder.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import AsyncIterator
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import sqlalchemy as sa
from axe import AXE_JS, RELEVE, analyser, resume, verifier
from navigateur import chromium, serve, sign_in
from test_cra_browser import Clavier, choisir_le_lieu_et_l_email, ouvrir_le_formulaire

from hub.app import create_app
from hub.core.activites.dates import aujourd_hui
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.service import creer_beneficiaire
from hub.core.demo import CAMILLE, charger_identites_demo
from hub.core.hub import Hub
from hub.core.identity.models import Mediateur, User
from hub.core.sync.engine import run_stream
from hub.core.sync.states import setup_instance
from hub.testing import make_hub
from hub.web.assets import build_assets
from tests.plugins.stats.lecture_classeur import lire_classeur

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = ("rdv", "cartographie", "ressources", "stats", "formations")
CONNECTEURS = [  # those of deploy/hub.demo.toml, with absolute paths
    {"id": "formations-demo", "kind": "formations.catalogue", "title": "Catalogue de démonstration (formations fictives)",
     "config": {"source": str(ROOT / "plugins" / "formations" / "demo" / "catalogue-demo.json")}},
    {"id": "les-bases-demo", "kind": "ressources.les_bases", "title": "Les Bases de démonstration (ressources fictives)",
     "config": {"dossier": str(ROOT / "plugins" / "ressources" / "demo")}},
]
FLUX = (("formations-demo", "formations"), ("les-bases-demo", "ressources"), ("les-bases-demo", "contenus"))
WIDGETS_CAMILLE = {
    "rdv.mes_rdv", "stats.ce_mois", "formations.a_venir", "formations.pour_vous",
    "cartographie.pres_de_chez_moi", "ressources.pour_vous",
}
HORS_DE_LA_MACHINE = re.compile(r"^(?!http://127\.0\.0\.1[:/]|data:|blob:|about:)")
PERSONAS = ["Camille Démo", "Dominique Démo", "Claude Démo", "Alex Démo"]


@dataclass
class Demo:
    hub: Hub
    base_url: str
    browser: Any
    dossier: Path
    suivie: str  # a bénéficiaire followed by Camille, with a name found nowhere else
    doublons: tuple[str, str]  # two records of one person, in Camille's bénéficiaires
    sorties: list[str] = field(default_factory=list)  # requests that would have left the machine

    async def page(self, persona: str) -> Any:
        page = await sign_in(self.browser, self.base_url, persona)
        await page.context.route(HORS_DE_LA_MACHINE, self.refuser)
        return page

    async def refuser(self, route: Any) -> None:
        self.sorties.append(route.request.url)
        await route.abort()

    async def controler(self, page: Any, nom: str) -> None:
        """Screenshot ``page`` once htmx is done, then check it with axe-core."""
        await page.wait_for_load_state()
        await page.wait_for_function("() => !document.querySelector('.htmx-request')")
        await page.screenshot(path=self.dossier / f"{nom}.png", full_page=True)
        await verifier(page, nom)
        assert not self.sorties, f"requêtes vers l'extérieur : {self.sorties}"


async def widgets_charges(page: Any) -> None:
    """Wait until every dashboard widget of ``page`` (if any) replaced its « Chargement… » (htmx)."""
    await page.wait_for_function(
        "() => [...document.querySelectorAll('[data-widget] .hub-widget__body')]"
        ".every(corps => !corps.textContent.includes('Chargement…'))"
    )


async def cocher(case: Any) -> None:
    """Check a DSFR radio or checkbox as a person does with the keyboard (its label covers it)."""
    await case.focus()
    await case.page.keyboard.press("Space")
    assert await case.is_checked()


async def beneficiaires_de_camille(hub: Hub) -> tuple[str, tuple[str, str]]:
    async with hub.session() as db, db.begin():
        mediateur = await db.scalar(sa.select(Mediateur.id).join(User, Mediateur.user_id == User.id).where(User.email == CAMILLE))
        fiches = [
            await creer_beneficiaire(db, mediateur, data, par=None)
            for data in (
                BeneficiaireInput(prenom="Odile", nom="Clavier-Parcours"),
                BeneficiaireInput(prenom="Marcel", nom="Doublon", telephone="0612345678"),
                BeneficiaireInput(prenom="Marcelle", nom="Doublon", telephone="06 12 34 56 78", email="marcelle@exemple.fr"),
            )
        ]
    return fiches[0].id, (fiches[1].id, fiches[2].id)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def demo(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Demo]:
    dossier = tmp_path_factory.mktemp("parcours")
    plugins = [(nom, importlib.import_module(f"plugins.{nom}.plugin")) for nom in PLUGINS]
    hub = await make_hub(dossier, plugins=plugins, connectors=CONNECTEURS)
    await hub.startup(scheduler=False)
    for instance, flux in FLUX:
        await setup_instance(hub, instance)
        assert (await run_stream(hub, instance, flux)).status == "success"
    assert (await charger_identites_demo(hub)).crees
    suivie, doublons = await beneficiaires_de_camille(hub)
    await hub.engine.dispose()  # the server's event loop opens its own connections

    async with chromium() as browser, serve(create_app(hub)) as base_url:
        yield Demo(hub, base_url, browser, dossier, suivie, doublons)
    print("\n\nRelevé axe-core (WCAG 2.1 A et AA) des pages visitées :\n" + resume())
    await hub.shutdown()


async def test_the_demo_login_lists_the_personas_and_signs_in(demo: Demo) -> None:
    context = await demo.browser.new_context()
    await context.route(HORS_DE_LA_MACHINE, demo.refuser)
    page = await context.new_page()
    await page.goto(f"{demo.base_url}/")
    assert page.url == f"{demo.base_url}/connexion"  # anonymous: sent to the persona picker
    assert await page.locator("h1").all_inner_texts() == ["Connexion"]
    boutons = await page.get_by_role("button", name="Se connecter en tant que").all_inner_texts()
    assert sorted(boutons) == sorted(f"Se connecter en tant que {persona}" for persona in PERSONAS)
    await demo.controler(page, "connexion")

    for adresse, titre in (("/accessibilite", "Déclaration d'accessibilité"), ("/stats/nationales", None)):  # public pages
        assert (await page.goto(f"{demo.base_url}{adresse}")).status == 200
        assert titre is None or await page.locator("h1").inner_text() == titre
        await demo.controler(page, adresse.strip("/").replace("/", "-"))

    await page.goto(f"{demo.base_url}/connexion")
    await page.get_by_role("button", name="Se connecter en tant que Camille Démo").click()
    await page.wait_for_url(f"{demo.base_url}/")
    assert "Connecté·e : Camille Démo" in await page.locator("header").inner_text()
    await page.context.close()


async def test_the_dashboard_loads_every_widget(demo: Demo) -> None:
    page = await demo.page("Camille Démo")
    widgets = page.locator("[data-widget]")
    assert set(await widgets.evaluate_all("blocs => blocs.map(b => b.dataset.widget)")) == WIDGETS_CAMILLE
    await widgets_charges(page)
    assert await page.locator("[data-widget] .fr-alert--error").count() == 0
    for widget in WIDGETS_CAMILLE:
        assert (await page.locator(f'[data-widget="{widget}"] .hub-widget__body').inner_text()).strip(), widget
    mois = page.get_by_role("table", name="Ce mois-ci comparé au mois précédent")
    assert await mois.locator("tbody tr").count() >= 2  # the demo's CRAs, counted
    assert await page.locator('[data-widget="formations.pour_vous"] .fr-card').count() > 0
    assert await page.locator('[data-widget="ressources.pour_vous"] .fr-card').count() > 0
    await demo.controler(page, "tableau-de-bord")
    await page.context.close()


async def test_an_individual_cra_with_the_keyboard_then_its_errors(demo: Demo) -> None:
    page = await demo.page("Camille Démo")
    clavier, debut = Clavier(page), time.monotonic()
    await page.goto(f"{demo.base_url}/mes-activites")
    await demo.controler(page, "mes-activites")
    await ouvrir_le_formulaire(demo.base_url, page, clavier, "Accompagnement individuel")
    assert await page.locator("h1").inner_text() == "Enregistrer un accompagnement individuel"
    await demo.controler(page, "cra-individuel")

    await clavier.tabuler_jusqu_a(page.get_by_label("Rechercher parmi vos bénéficiaires suivis"))
    await clavier.taper("clavier parcours")
    resultat = page.locator(f"#beneficiaire-id-{demo.suivie}")
    await resultat.wait_for()  # found as you type (htmx)
    await demo.controler(page, "cra-individuel-recherche")
    await clavier.tabuler_jusqu_a(page.locator("#beneficiaire-id-aucun"))
    await clavier.appuyer("ArrowDown")
    assert await resultat.is_checked()
    await clavier.tabuler_jusqu_a(page.locator("#duree-15"))
    await clavier.appuyer("ArrowRight")
    await choisir_le_lieu_et_l_email(page, clavier)
    await clavier.tabuler_jusqu_a(page.get_by_role("button", name="Enregistrer"))
    await clavier.appuyer("Enter")
    await page.get_by_text("L'activité a été enregistrée.").wait_for()
    print(clavier.bilan("CRA individuel (démo)", debut))
    ligne = await page.locator("tbody tr").first.inner_text()
    assert "Odile Clavier-Parcours" in ligne and "30 min" in ligne
    await demo.controler(page, "mes-activites-enregistree")

    # The same form sent empty: the errors, summarised at the top and next to each field.
    await page.goto(f"{demo.base_url}/mes-activites/cra/individuel")
    await page.get_by_role("button", name="Enregistrer").click()
    resume_erreurs = page.locator(".fr-alert--error")
    assert await resume_erreurs.locator("h2").inner_text() == "3 informations sont à corriger"
    assert await page.locator(".fr-fieldset--error .fr-message--error").count() == 3  # next to each group
    await demo.controler(page, "cra-individuel-erreurs")
    await page.context.close()


async def test_a_workshop_with_the_keyboard(demo: Demo) -> None:
    page = await demo.page("Camille Démo")
    clavier = Clavier(page)
    await ouvrir_le_formulaire(demo.base_url, page, clavier, "Atelier collectif")
    await demo.controler(page, "cra-collectif")
    await clavier.tabuler_jusqu_a(page.get_by_label("Rechercher parmi vos bénéficiaires suivis"))
    await clavier.taper("clavier parcours")
    participant = page.locator(f"#participants-{demo.suivie}")
    await participant.wait_for()
    await clavier.tabuler_jusqu_a(participant)
    await clavier.appuyer("Space")
    await clavier.tabuler_jusqu_a(page.locator("#participants_anonymes-total"))
    await clavier.taper("3")
    await clavier.tabuler_jusqu_a(page.get_by_label("Titre de l'atelier"))
    await clavier.taper("Atelier du parcours")
    await clavier.tabuler_jusqu_a(page.locator("#duree-15"))
    await clavier.appuyer("ArrowRight", 3)
    await choisir_le_lieu_et_l_email(page, clavier)
    await demo.controler(page, "cra-collectif-rempli")
    await clavier.tabuler_jusqu_a(page.get_by_role("button", name="Enregistrer"))
    await clavier.appuyer("Enter")
    await page.get_by_text("L'activité a été enregistrée.").wait_for()
    ligne = await page.locator("tbody tr").first.inner_text()
    assert "4 participants" in ligne and "Odile Clavier-Parcours" in ligne and "\t1 h\t" in ligne
    await page.context.close()


async def test_two_duplicate_beneficiaires_are_merged(demo: Demo) -> None:
    marcel, marcelle = demo.doublons
    page = await demo.page("Camille Démo")
    await page.get_by_role("link", name="Mes bénéficiaires").first.click()
    await demo.controler(page, "beneficiaires")
    await page.get_by_role("link", name="Doublons possibles").click()
    await page.wait_for_url(f"{demo.base_url}/mes-beneficiaires/doublons")
    await demo.controler(page, "doublons")

    await page.get_by_role("link", name="Fusionner Marcel Doublon et Marcelle Doublon").click()
    await page.wait_for_url(f"{demo.base_url}/mes-beneficiaires/fusion/{marcel}/{marcelle}")
    await demo.controler(page, "fusion-choix")
    await page.get_by_role("button", name="Continuer").click()  # no record chosen: refused
    await page.locator(".fr-alert--error").wait_for()
    assert (await page.title()).startswith("Erreur — Fusionner deux fiches")
    await demo.controler(page, "fusion-choix-erreur")

    await cocher(page.get_by_role("group", name="Fiche à garder").get_by_label("Marcel Doublon", exact=True))
    await page.get_by_role("button", name="Continuer").click()
    await page.wait_for_url(f"**/fusion/{marcel}/{marcelle}/confirmer?cible={marcel}")
    assert await page.locator("h1").inner_text() == "Fusionner la fiche de Marcelle Doublon dans celle de Marcel Doublon"
    await demo.controler(page, "fusion-confirmation")
    await page.get_by_role("button", name="Fusionner").click()

    await page.wait_for_url(f"{demo.base_url}/mes-beneficiaires/{marcel}?fait=fusionne")
    assert "Les deux fiches ont été fusionnées." in await page.locator("main").inner_text()
    assert "marcelle@exemple.fr" in await page.locator("main").inner_text()  # completed from the other
    await demo.controler(page, "fusion-resultat")
    await page.goto(f"{demo.base_url}/mes-beneficiaires/{marcelle}")
    assert await page.locator("h1").inner_text() != "Marcelle Doublon"  # gone
    await page.goto(f"{demo.base_url}/mes-beneficiaires/doublons")
    assert await page.get_by_role("link", name="Fusionner Marcel Doublon et Marcelle Doublon").count() == 0
    await page.context.close()


async def test_the_statistics_filtered_and_their_workbook(demo: Demo) -> None:
    page = await demo.page("Camille Démo")
    await page.get_by_role("link", name="Mes statistiques").first.click()
    await page.wait_for_url(f"{demo.base_url}/stats")
    await demo.controler(page, "statistiques")

    du = aujourd_hui() - timedelta(days=180)
    await page.get_by_label("Du", exact=True).fill(du.isoformat())
    await cocher(page.get_by_role("group", name="Type d'activité").get_by_label("Accompagnement individuel"))
    await page.get_by_role("button", name="Filtrer").click()
    await page.wait_for_url("**/stats?*types=individuel*")
    actifs = await page.get_by_role("list", name="Filtres actifs").get_by_role("link").all_inner_texts()
    assert f"Depuis le {du:%d/%m/%Y}" in actifs, actifs
    assert any(actif.endswith("Accompagnement individuel") for actif in actifs), actifs
    await demo.controler(page, "statistiques-filtrees")

    async with page.expect_download() as telechargement:
        await page.get_by_role("link", name="Télécharger le classeur (XLSX)").click()
    download = await telechargement.value
    assert download.suggested_filename == f"statistiques-{aujourd_hui():%Y-%m-%d}.xlsx"
    feuille, entete, blocs = lire_classeur((await download.path()).read_bytes())
    assert feuille == "Statistiques" and entete["Périmètre"] == "Vos accompagnements"
    assert entete["Types"] == "Accompagnement individuel"
    assert entete["Période"].startswith(f"du {du:%d/%m/%Y} au ")
    generales = dict(blocs["Statistiques générales"][1:])
    assert generales["Accompagnements au total"] > 0
    await page.context.close()


async def test_a_coordinator_sees_the_team_and_its_statistics(demo: Demo) -> None:
    page = await demo.page("Claude Démo")
    await widgets_charges(page)
    await demo.controler(page, "tableau-de-bord-coordination")
    await page.get_by_role("link", name="Mon équipe").first.click()
    await page.wait_for_url(f"{demo.base_url}/mon-equipe")
    membres = page.get_by_role("table", name="Membres de l'équipe et invitations (3)")
    statuts = {  # badges in capitals on screen
        nom: (await membres.get_by_role("row", name=nom).locator(".fr-badge").inner_text()).lower()
        for nom in ("Camille Démo", "Dominique Démo")
    }
    assert statuts == {"Camille Démo": "actif", "Dominique Démo": "ancien membre"}
    await demo.controler(page, "mon-equipe")

    await page.goto(f"{demo.base_url}/stats")
    await page.wait_for_url(f"{demo.base_url}/stats/equipe")  # a coordinator only: the team's
    assert "Les accompagnements de votre équipe" in await page.locator("main").inner_text()
    await demo.controler(page, "statistiques-equipe")
    await page.context.close()


async def test_the_operator_console(demo: Demo) -> None:
    page = await demo.page("Alex Démo")
    await demo.controler(page, "tableau-de-bord-administration")
    await page.get_by_role("link", name="Connecteurs").first.click()
    await page.wait_for_url(f"{demo.base_url}/admin/connecteurs")
    assert await page.locator("h1").inner_text() == "Connecteurs"
    assert await page.get_by_text("Catalogue de démonstration (formations fictives)").count() >= 1
    await demo.controler(page, "console")
    await page.goto(f"{demo.base_url}/admin/connecteurs/formations-demo")
    assert "Catalogue de démonstration (formations fictives)" in await page.locator("h1").inner_text()
    await demo.controler(page, "console-instance")
    await page.context.close()


async def test_the_pages_on_a_narrow_screen(demo: Demo) -> None:
    """At 375 px wide (a phone; RGAA 10.11, reflow) tables scroll sideways: each must still be
    reachable with the keyboard, among other rules."""
    for persona, adresses in (
        ("Camille Démo", ("/", "/mes-activites", "/mes-beneficiaires", "/stats")),
        ("Claude Démo", ("/mon-equipe", "/stats/equipe")),
    ):
        page = await demo.page(persona)
        await page.set_viewport_size({"width": 375, "height": 800})
        for adresse in adresses:
            await page.goto(f"{demo.base_url}{adresse}")
            await widgets_charges(page)
            await demo.controler(page, "etroit" + adresse.replace("/", "-").rstrip("-"))
        await page.context.close()


async def test_axe_finds_a_violation_when_there_is_one(demo: Demo) -> None:
    """The checks themselves can fail: an image without text alternative and a field without
    label, added to a real page, are reported as critical (and not kept in the run's record); a
    page of another site is refused and recorded."""
    page = await demo.page("Camille Démo")
    await page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<img src=\"https://tiers.invalid/pixel.png\"><input type=\"text\" name=\"sans-etiquette\">')"
    )
    rapport = await analyser(page, "témoin")
    assert {v.regle for v in rapport.bloquantes} >= {"image-alt", "label"}
    assert rapport not in RELEVE
    with pytest.raises(Exception, match="net::ERR_FAILED"):  # the hub's CSP would block the image itself
        await page.goto("https://tiers.invalid/")
    assert demo.sorties == ["https://tiers.invalid/"]
    demo.sorties.clear()
    await page.context.close()


async def test_axe_runs_under_a_content_security_policy_with_nonces(demo: Demo) -> None:
    """A page whose CSP allows only scripts with its nonce: an inline <script> would be refused,
    axe evaluated through the DevTools protocol runs (the page is served by Playwright itself)."""
    context = await demo.browser.new_context()
    page = await context.new_page()
    politique = "default-src 'self'; script-src 'nonce-t3st'; object-src 'none'"
    await page.route(
        "http://hub.invalid/",
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": politique},
            body='<!doctype html><html lang="fr"><title>CSP</title><main><h1>Page</h1><img src="x.png"></main>',
        ),
    )
    await page.route("http://hub.invalid/x.png", lambda route: route.fulfill(status=404))
    await page.goto("http://hub.invalid/")
    with pytest.raises(Exception, match="Content Security Policy"):  # an inline script is refused
        await page.add_script_tag(content="window.inline = true")
    assert await page.evaluate("() => window.inline") is None
    rapport = await analyser(page, "csp")
    assert [v.regle for v in rapport.bloquantes] == ["image-alt"]
    await context.close()


async def test_axe_is_never_copied_among_the_served_files() -> None:
    from hub.web import STATIC_DIR

    build_assets()
    assert AXE_JS.is_file()  # installed by npm ci, from package-lock.json
    assert not [path for path in STATIC_DIR.rglob("*") if "axe" in path.name.lower()]

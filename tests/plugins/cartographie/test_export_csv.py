"""The CSV of the hub's lieux in the national schema: the API's selection, the schema's columns
in its order, every row valid against the schema's required fields and patterns.

The patterns below are written from the field table of the schema (v1.0.2, ``connected-apis.md``
§3.2), not from the hub's code, so that a drift of either shows here.
"""

import csv
import io
import re

from hub.core.api_clients.service import create_api_client

from .population import peupler

COLONNES_DU_SCHEMA = [
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse", "latitude",
    "longitude", "typologie", "telephone", "courriels", "site_web", "horaires", "presentation_resume",
    "presentation_detail", "source", "itinerance", "structure_parente", "date_maj", "services",
    "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
    "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels", "modalites_acces",
    "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
]
OBLIGATOIRES = ["id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj"]


def enumeration(*valeurs: str) -> str:
    """A ``|`` list of these values, as the schema's patterns are written."""
    une = "(" + "|".join(re.escape(v) for v in valeurs) + ")"
    return rf"^{une}(\|{une})*$"


TYPOLOGIES = (
    "ACI ACIPHC AFPA AI ASE ASSO ASSO_CHOMEUR AVIP Autre BIB CAARUD CADA CAF CAP_EMPLOI CAVA CC CCAS CCONS CD CDAS "
    "CFP CHRS CHU CIAS CIDFF CITMET CMP CMS CPAM CPH CS CSAPA CSC DEETS DEPT DIPLP E2C EA EATT EI EITI ENM EPCI EPI "
    "EPIDE EPN ES ESS ETABL_PRI ETABL_PUB ETAT ETTI EVS FABLAB FAIS FT GEIQ HUDA LA_POSTE MDA MDE MDEF MDPH MDS MJC "
    "ML MQ MSA MSAP MUNI OACAS ODC OF OIL OPCS PAD PENSION PI PIJ_BIJ PIMMS PJJ PLIE PREF PREVENTION REG RESSOURCERIE "
    "RFS RS_FJT SCP SPIP TIERS_LIEUX UDAF ESAT FABRIQUE MDH RELAIS_LECTURE"
).split()
COURRIEL = r"[^@\s|]+@[^@\s|]+\.[^@\s|]+"
URL = r"https?://[^\s|]+"
MOTIFS = {
    "pivot": r"^[a-zA-Z0-9]{9,14}$",
    "code_postal": r"^\d{5}$",
    "code_insee": r"^([013-9]\d|2[AB1-9])\d{3}$",
    "latitude": r"^-?\d+(\.\d+)?$",
    "longitude": r"^-?\d+(\.\d+)?$",
    "typologie": enumeration(*TYPOLOGIES),
    "telephone": r"^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$",
    "courriels": rf"^{COURRIEL}(\|{COURRIEL})*$",
    "site_web": rf"^{URL}(\|{URL})*$",
    "presentation_resume": r"^[\s\S]{1,280}$",
    "itinerance": enumeration("Itinérant", "Fixe"),
    "date_maj": r"^\d{4}-\d{2}-\d{2}$",
    "services": enumeration(
        "Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien",
        "Insertion professionnelle via le numérique", "Utilisation sécurisée du numérique",
        "Parentalité et éducation avec le numérique", "Loisirs et créations numériques",
        "Compréhension du monde numérique", "Accès internet et matériel informatique",
        "Acquisition de matériel informatique à prix solidaire",
    ),
    "publics_specifiquement_adresses": enumeration("Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors", "Femmes"),
    "prise_en_charge_specifique": enumeration(
        "Surdité", "Handicaps moteurs", "Handicaps mentaux", "Illettrisme", "Langues étrangères (anglais)",
        "Langues étrangères (autres)", "Déficience visuelle",
    ),
    "frais_a_charge": enumeration("Gratuit", "Gratuit sous condition", "Payant"),
    "dispositif_programmes_nationaux": enumeration(
        "Aidants Connect", "Bibliothèques numérique de référence", "Certification PIX", "Conseillers numériques",
        "Emmaüs Connect", "France Services", "Grande école du numérique", "La Croix Rouge",
        "Point d'accès numérique CAF", "Promeneurs du net", "Relais numérique (Emmaüs Connect)",
    ),
    # The field table's spelling: schema.json's pattern lacks the space in « Étapes numériques (La Poste) ».
    "formations_labels": enumeration(
        "Formé à « Mon Espace Santé »", "Formé à « DUPLEX » (illettrisme)", "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
        "Collectif ressources et acteurs réemploi (Normandie)", "Étapes numériques (La Poste)",
        "Fabriques de Territoire", "Les Éclaireurs du numérique (Drôme)", "Mes Papiers (Métropole de Lyon)",
        "ORDI 3.0", "SUD LABS (PACA)",
    ),
    "modalites_acces": enumeration(
        "Se présenter", "Téléphoner", "Contacter par mail", "Envoyer un mail avec une fiche de prescription",
        "Prendre un RDV en ligne", "Ce lieu n'accueille pas de public",
    ),
    "modalites_accompagnement": enumeration(
        "En autonomie", "Accompagnement individuel", "Dans un atelier collectif", "À distance"
    ),
    "fiche_acces_libre": rf"^{URL}$",
    "prise_rdv": rf"^{URL}$",
}


def erreurs(ligne: dict[str, str]) -> list[str]:
    """Every breach of the schema in one row: a required field empty, a value off its pattern."""
    fautes = [f"{champ} obligatoire vide" for champ in OBLIGATOIRES if not ligne[champ].strip()]
    for champ, motif in MOTIFS.items():
        valeur = ligne[champ]
        if valeur and not re.fullmatch(motif, valeur):
            fautes.append(f"{champ} = {valeur!r} hors du motif")
    return fautes


async def lire_csv(client) -> tuple[list[str], list[dict[str, str]]]:
    reponse = await client.get("/cartographie/lieux.csv")
    assert reponse.status_code == 200, reponse.text
    assert reponse.headers["content-type"] == "text/csv; charset=utf-8"
    assert "lieux-de-mediation-numerique_france.csv" in reponse.headers["content-disposition"]
    assert not reponse.content.startswith(b"\xef\xbb\xbf")
    texte = reponse.content.decode("utf-8")  # strict: fails on anything but UTF-8
    lecteur = csv.reader(io.StringIO(texte, newline=""))
    entete, *lignes = list(lecteur)
    return entete, [dict(zip(entete, ligne, strict=True)) for ligne in lignes]


async def test_every_row_is_valid_in_the_national_schema_in_its_column_order(hub_with, client_of) -> None:
    hub = await hub_with("cartographie")
    carte = await peupler(hub)
    client = await client_of(hub, login=None)  # public: open data, no account needed

    entete, lignes = await lire_csv(client)

    assert entete == COLONNES_DU_SCHEMA
    assert lignes, "aucune ligne : le test ne vérifierait rien"
    assert {ligne["id"]: erreurs(ligne) for ligne in lignes} == {ligne["id"]: [] for ligne in lignes}
    par_id = {ligne["id"]: ligne for ligne in lignes}
    complet, nu, associatif = par_id[carte.complet], par_id[carte.nu], par_id[carte.associatif]
    assert complet["services"] == "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien"
    assert complet["courriels"] == "epn@exemple.fr|accueil@exemple.fr"
    assert complet["dispositif_programmes_nationaux"] == "France Services|Aidants Connect|Conseillers numériques"
    assert complet["autres_formations_labels"] == "Label local, « Pass », 2024"  # a comma, kept in one cell
    assert complet["presentation_detail"].count("\n") == 1
    assert (complet["pivot"], complet["telephone"], complet["latitude"]) == ("21510454600019", "+33326000000", "49.2583")
    assert (associatif["pivot"], nu["pivot"], nu["code_insee"], nu["telephone"]) == (
        "W511234567", "0" * 14, "2A004", ""
    )


async def test_the_export_lists_exactly_the_lieux_of_the_api_never_one_that_opted_out(hub_with, client_of) -> None:
    hub = await hub_with("cartographie")
    carte = await peupler(hub)
    client = await client_of(hub, login=None)
    async with hub.session() as db:
        issued = await create_api_client(db, hub.settings, nom="Cartographie nationale", scopes=["lieux_activite"])
        await db.commit()

    _, lignes = await lire_csv(client)
    api = (await client.get("/api/v1/lieux-activite", headers={"Authorization": f"Bearer {issued.token}"})).json()

    assert {ligne["id"] for ligne in lignes} == {lieu["id"] for lieu in api} == carte.publies
    assert carte.discret not in {ligne["id"] for ligne in lignes}
    assert "aidants" not in lignes[0]


async def test_the_api_filters_apply_and_a_wrong_one_is_a_french_400(hub_with, client_of) -> None:
    hub = await hub_with("cartographie")
    carte = await peupler(hub)
    client = await client_of(hub, login=None)

    seul = await client.get("/cartographie/lieux.csv", params={"ids": carte.nu})
    conum = await client.get(
        "/cartographie/lieux.csv", params={"filter[dispositif_programmes_nationaux]": "Conseillers numériques"}
    )
    faux = await client.get("/cartographie/lieux.csv", params={"ids": "pas-un-uuid"})

    assert [row[0] for row in csv.reader(io.StringIO(seul.text))][1:] == [carte.nu]
    assert [row[0] for row in csv.reader(io.StringIO(conum.text))][1:] == [carte.complet]
    assert faux.status_code == 400 and "UUID" in faux.text


def test_the_row_check_catches_each_kind_of_breach() -> None:
    """The check above is only worth something if it fails on a bad row."""
    valide = {colonne: "" for colonne in COLONNES_DU_SCHEMA} | {
        "id": "a", "pivot": "21510454600019", "nom": "Lieu", "commune": "Reims", "code_postal": "51100",
        "adresse": "1 rue", "date_maj": "2025-11-03", "services": "Aide aux démarches administratives",
    }
    assert erreurs(valide) == []
    fautes = {
        "nom": "", "pivot": "12345678", "code_postal": "5110", "code_insee": "20004", "telephone": "0326000000",
        "services": "Aide aux démarches administratives;Utilisation sécurisée du numérique",
        "courriels": "a@b.fr|pas-un-courriel", "date_maj": "03/11/2025", "itinerance": "Fixe|Mobile",
        "presentation_resume": "x" * 281, "site_web": "www.exemple.fr",
    }
    for champ, valeur in fautes.items():
        assert erreurs(valide | {champ: valeur}), f"{champ} = {valeur!r} aurait dû être refusé"

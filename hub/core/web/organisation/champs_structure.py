"""The fields of a structure in the forms: a new structure (sign-up, adding a lieu) and the
edition of a lieu d'activité, named as :class:`~hub.core.structures.inputs.StructureInput`'s
(the national schema of lieux de médiation numérique)."""

from __future__ import annotations

from typing import get_args

from hub.core.structures.schema import (
    DispositifProgrammeNational,
    FormationLabel,
    FraisACharge,
    Itinerance,
    ModaliteAcces,
    ModaliteAccompagnement,
    PriseEnChargeSpecifique,
    PublicSpecifiquementAdresse,
    Service,
)
from hub.core.web.organisation.formulaires import Champ, Section, champs_des, options

NOM = Champ("nom", "Nom", obligatoire=True, autocomplete="organization")
ADRESSE = Champ("adresse", "Adresse", obligatoire=True, aide="Numéro et voie, par exemple : 12 boulevard de la Paix")
CODE_POSTAL = Champ("code_postal", "Code postal", obligatoire=True, aide="5 chiffres", autocomplete="postal-code")
COMMUNE = Champ("commune", "Commune", obligatoire=True, autocomplete="address-level2")
CODE_INSEE = Champ("code_insee", "Code INSEE de la commune", aide="5 caractères, par exemple : 51454")
SIRET = Champ("siret", "SIRET", aide="14 chiffres, par exemple : 21510454600019")

NOUVELLE_STRUCTURE = (NOM, ADRESSE, CODE_POSTAL, COMMUNE, CODE_INSEE, SIRET)


def _cases(nom: str, libelle: str, choix: object, aide: str | None = None) -> Champ:
    return Champ(nom, libelle, genre="cases", choix=options(get_args(choix)), aide=aide)


SECTIONS_LIEU = (
    Section(
        "Présentation",
        (
            NOM,
            Champ("nom_usage", "Nom d'usage", aide="Le nom sous lequel le public connaît le lieu, s'il diffère"),
            SIRET,
            Champ("presentation_resume", "Présentation résumée", genre="zone", aide="280 caractères au plus"),
            Champ("presentation_detail", "Présentation détaillée", genre="zone"),
        ),
    ),
    Section(
        "Adresse",
        (
            ADRESSE,
            Champ("complement_adresse", "Complément d'adresse", aide="Bâtiment, étage…"),
            CODE_POSTAL,
            COMMUNE,
            CODE_INSEE,
        ),
    ),
    Section(
        "Contact et accès",
        (
            Champ("telephone", "Téléphone", type="tel", autocomplete="tel", aide="Par exemple : 03 26 00 00 00"),
            Champ("courriels", "Adresses e-mail", genre="lignes", aide="Une adresse par ligne"),
            Champ("site_web", "Site web", type="url", aide="Commence par https://"),
            Champ(
                "horaires",
                "Horaires d'ouverture",
                aide="Au format OpenStreetMap, par exemple : Mo-Fr 09:00-12:00,14:00-17:00",
            ),
            Champ("prise_rdv", "Lien de prise de rendez-vous", type="url"),
            Champ("fiche_acces_libre", "Fiche Accès Libre", type="url", aide="Sur acceslibre.beta.gouv.fr"),
        ),
    ),
    Section(
        "Services et publics",
        (
            _cases("services", "Services proposés", Service),
            _cases("publics_specifiquement_adresses", "Publics spécifiquement adressés", PublicSpecifiquementAdresse),
            _cases("prise_en_charge_specifique", "Prise en charge spécifique", PriseEnChargeSpecifique),
        ),
    ),
    Section(
        "Modalités",
        (
            _cases("modalites_acces", "Modalités d'accès", ModaliteAcces),
            _cases("modalites_accompagnement", "Modalités d'accompagnement", ModaliteAccompagnement),
            _cases("frais_a_charge", "Frais à la charge du public", FraisACharge),
            _cases("itinerance", "Itinérance", Itinerance),
        ),
    ),
    Section(
        "Dispositifs et labels",
        (
            _cases(
                "dispositif_programmes_nationaux", "Dispositifs et programmes nationaux", DispositifProgrammeNational
            ),
            _cases("formations_labels", "Formations et labels", FormationLabel),
            Champ("autres_formations_labels", "Autres formations et labels", genre="lignes", aide="Un par ligne"),
        ),
    ),
    Section(
        "Personne référente",
        (
            Champ("nom_referent", "Nom"),
            Champ("courriel_referent", "Adresse e-mail", type="email"),
            Champ("telephone_referent", "Téléphone", type="tel"),
        ),
    ),
    Section(
        "Cartographie nationale",
        (
            Champ(
                "visible_pour_cartographie_nationale",
                "Afficher ce lieu sur la cartographie nationale des lieux d'inclusion numérique",
                genre="case",
            ),
        ),
    ),
)

CHAMPS_LIEU = champs_des(SECTIONS_LIEU)

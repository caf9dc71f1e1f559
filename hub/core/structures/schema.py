"""The enumerations of the national schema of lieux de médiation numérique (v1.0.2), verbatim."""

from __future__ import annotations

from typing import Literal

Service = Literal[
    "Aide aux démarches administratives",
    "Maîtrise des outils numériques du quotidien",
    "Insertion professionnelle via le numérique",
    "Utilisation sécurisée du numérique",
    "Parentalité et éducation avec le numérique",
    "Loisirs et créations numériques",
    "Compréhension du monde numérique",
    "Accès internet et matériel informatique",
    "Acquisition de matériel informatique à prix solidaire",
]
PublicSpecifiquementAdresse = Literal["Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors", "Femmes"]
PriseEnChargeSpecifique = Literal[
    "Surdité",
    "Handicaps moteurs",
    "Handicaps mentaux",
    "Illettrisme",
    "Langues étrangères (anglais)",
    "Langues étrangères (autres)",
    "Déficience visuelle",
]
FraisACharge = Literal["Gratuit", "Gratuit sous condition", "Payant"]
DispositifProgrammeNational = Literal[
    "Aidants Connect",
    "Bibliothèques numérique de référence",
    "Certification PIX",
    "Conseillers numériques",
    "Emmaüs Connect",
    "France Services",
    "Grande école du numérique",
    "La Croix Rouge",
    "Point d'accès numérique CAF",
    "Promeneurs du net",
    "Relais numérique (Emmaüs Connect)",
]
FormationLabel = Literal[
    "Formé à « Mon Espace Santé »",
    "Formé à « DUPLEX » (illettrisme)",
    "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
    "Collectif ressources et acteurs réemploi (Normandie)",
    "Étapes numériques (La Poste)",
    "Fabriques de Territoire",
    "Les Éclaireurs du numérique (Drôme)",
    "Mes Papiers (Métropole de Lyon)",
    "ORDI 3.0",
    "SUD LABS (PACA)",
]
Itinerance = Literal["Itinérant", "Fixe"]
ModaliteAcces = Literal[
    "Se présenter",
    "Téléphoner",
    "Contacter par mail",
    "Envoyer un mail avec une fiche de prescription",
    "Prendre un RDV en ligne",
    "Ce lieu n'accueille pas de public",
]
ModaliteAccompagnement = Literal["En autonomie", "Accompagnement individuel", "Dans un atelier collectif", "À distance"]
Typologie = Literal[
    "ACI", "ACIPHC", "AFPA", "AI", "ASE", "ASSO", "ASSO_CHOMEUR", "AVIP", "Autre", "BIB", "CAARUD", "CADA", "CAF",
    "CAP_EMPLOI", "CAVA", "CC", "CCAS", "CCONS", "CD", "CDAS", "CFP", "CHRS", "CHU", "CIAS", "CIDFF", "CITMET", "CMP",
    "CMS", "CPAM", "CPH", "CS", "CSAPA", "CSC", "DEETS", "DEPT", "DIPLP", "E2C", "EA", "EATT", "EI", "EITI", "ENM",
    "EPCI", "EPI", "EPIDE", "EPN", "ES", "ESAT", "ESS", "ETABL_PRI", "ETABL_PUB", "ETAT", "ETTI", "EVS", "FABLAB",
    "FABRIQUE", "FAIS", "FT", "GEIQ", "HUDA", "LA_POSTE", "MDA", "MDE", "MDEF", "MDH", "MDPH", "MDS", "MJC", "ML",
    "MQ", "MSA", "MSAP", "MUNI", "OACAS", "ODC", "OF", "OIL", "OPCS", "PAD", "PENSION", "PI", "PIJ_BIJ", "PIMMS",
    "PJJ", "PLIE", "PREF", "PREVENTION", "REG", "RELAIS_LECTURE", "RESSOURCERIE", "RFS", "RS_FJT", "SCP", "SPIP",
    "TIERS_LIEUX", "UDAF",
]

CODE_POSTAL = r"^\d{5}$"
CODE_INSEE = r"^([013-9]\d|2[AB1-9])\d{3}$"
SIRET = r"^\d{14}$"
RNA = r"^W\d{9}$"
TELEPHONE = r"^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$"

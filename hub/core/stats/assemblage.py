"""From raw counts to :class:`Statistiques`: labels, order, proportions, series."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date

from hub.core.activites.durees import TRANCHES
from hub.core.activites.enums import MATERIELS, TYPES_ACTIVITE, TYPES_LIEU
from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.thematiques import DEMARCHES_ADMINISTRATIVES, MEDIATION_NUMERIQUE
from hub.core.beneficiaires.enums import GENRES, NON_COMMUNIQUE, STATUTS_SOCIAUX, TRANCHES_AGE
from hub.core.stats import series
from hub.core.stats.comptes import BENEFICIAIRE, DEMARCHES, NOUVEAUX, TOTAL, Comptes
from hub.core.stats.etiquettes import Etiquettes
from hub.core.stats.proportions import proportions
from hub.core.stats.resultats import (
    Part,
    Statistiques,
    TotauxAccompagnements,
    TotauxActivites,
    TotauxBeneficiaires,
    TypeActivite,
)

NON_COMMUNIQUE_LIBELLE = "Non communiqué"
DUREES = {tranche.cle: tranche.libelle for tranche in TRANCHES}


def parts(libelles: Mapping[str, str], nombres: Mapping[str, int]) -> list[Part]:
    """Every value of ``libelles`` in its order, counted (zeros included)."""
    valeurs = list(libelles)
    comptes = [nombres.get(valeur, 0) for valeur in valeurs]
    return [
        Part(valeur=valeur, libelle=libelles[valeur], nombre=nombre, proportion=proportion)
        for valeur, nombre, proportion in zip(valeurs, comptes, proportions(comptes), strict=True)
    ]


def parts_triees(libelles: Mapping[str, str], nombres: Mapping[str, int]) -> list[Part]:
    """The values counted (not 0), by count descending, then label, then value."""
    ordre = sorted(
        (valeur for valeur, nombre in nombres.items() if nombre), key=lambda v: (-nombres[v], libelles[v], v)
    )
    return parts({valeur: libelles[valeur] for valeur in ordre}, nombres)


def _communes_des_activites(comptes: Comptes, etiquettes: Etiquettes) -> tuple[dict[str, int], dict[str, str]]:
    """The raw ``commune`` keys resolved: the lieu's commune when it has a code INSEE, else the
    activity's; « Non communiqué » without either."""
    nombres: dict[str, int] = defaultdict(int)
    noms: dict[str, str | None] = {}
    for cle, nombre in comptes.nombres("commune").items():
        lieu_id, _, code = cle.partition("|")
        lieu = etiquettes.lieux.get(lieu_id)
        if lieu is not None and lieu.code_insee:
            code, nom = lieu.code_insee, lieu.commune
        else:
            nom = comptes.libelles.get(("commune", cle))
        code = code or NON_COMMUNIQUE
        nombres[code] += nombre
        if nom is not None:
            noms[code] = max(noms.get(code) or nom, nom)
    return dict(nombres), {code: _nom_commune(code, noms.get(code)) for code in nombres}


def _nom_commune(code: str, nom: str | None) -> str:
    return NON_COMMUNIQUE_LIBELLE if code == NON_COMMUNIQUE else (nom or code)


def assembler(
    comptes: Comptes, etiquettes: Etiquettes, filtres: FiltresActivites, fin: date, *, nouveaux: bool
) -> Statistiques:
    """The statistics of ``comptes``; series ending at ``fin``; ``nouveaux`` counted or ``None``."""
    totaux = comptes.par_type(TOTAL)
    individuels, collectifs = totaux.get("individuel", (0, 0)), totaux.get("collectif", (0, 0))
    demarches = sum(activites for activites, _ in comptes.par_type(DEMARCHES).values())
    types = list(TYPES_ACTIVITE)
    par_type = [totaux.get(type_, (0, 0)) for type_ in types]
    beneficiaires = comptes.nombres(BENEFICIAIRE)
    communes, noms_communes = _communes_des_activites(comptes, etiquettes)
    communes_beneficiaires = comptes.nombres("commune_beneficiaire")
    lieux = comptes.nombres("lieu")
    tags = comptes.nombres("tag")
    return Statistiques(
        du=filtres.du,
        au=filtres.au,
        accompagnements=TotauxAccompagnements(
            total=individuels[1] + collectifs[1], individuels=individuels[1], collectifs=collectifs[1]
        ),
        activites=TotauxActivites(
            total=individuels[0] + collectifs[0],
            individuels=individuels[0],
            collectifs=collectifs[0],
            demarches=demarches,
        ),
        beneficiaires=TotauxBeneficiaires(
            total=beneficiaires.get("suivi", 0) + beneficiaires.get("anonyme", 0),
            nouveaux=comptes.nombres(NOUVEAUX).get("", 0) if nouveaux else None,
            suivis=beneficiaires.get("suivi", 0),
            anonymes=beneficiaires.get("anonyme", 0),
        ),
        par_mois=series.par_mois(fin, comptes.jours),
        par_jour=series.par_jour(fin, comptes.jours),
        types=[
            TypeActivite(
                valeur=type_, libelle=TYPES_ACTIVITE[type_], activites=activites, accompagnements=n, proportion=p
            )
            for type_, (activites, n), p in zip(types, par_type, proportions([n for _, n in par_type]), strict=True)
        ],
        thematiques_mediation=parts(MEDIATION_NUMERIQUE, comptes.nombres("thematique")),
        thematiques_demarches=parts(DEMARCHES_ADMINISTRATIVES, comptes.nombres("thematique")),
        tags=parts_triees({tag: etiquettes.tags.get(tag, tag) for tag in tags}, tags),
        materiel=parts(MATERIELS, comptes.nombres("materiel")),
        canaux=parts(TYPES_LIEU, comptes.nombres("canal")),
        durees=parts(DUREES, comptes.nombres("duree")),
        lieux=parts_triees({lieu: _nom_lieu(etiquettes, lieu) for lieu in lieux}, lieux),
        communes=parts_triees(noms_communes, communes),
        genres=parts(GENRES, comptes.nombres("genre")),
        tranches_age=parts(TRANCHES_AGE, comptes.nombres("tranche_age")),
        statuts=parts(STATUTS_SOCIAUX, comptes.nombres("statut")),
        communes_beneficiaires=parts_triees(
            {
                code: _nom_commune(code, comptes.libelles.get(("commune_beneficiaire", code)))
                for code in communes_beneficiaires
            },
            communes_beneficiaires,
        ),
    )


def _nom_lieu(etiquettes: Etiquettes, lieu_id: str) -> str:
    lieu = etiquettes.lieux.get(lieu_id)
    return lieu.nom if lieu is not None else lieu_id

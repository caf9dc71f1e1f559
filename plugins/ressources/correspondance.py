"""Which Les Bases themes serve which CRA thematique: the bridge between what a mediator
records and what Les Bases indexes.

Les Bases' themes are given by their codes (see :func:`connectors.les_bases.markdown.code`);
a few have two codes, the older and the newer of Les Bases' vocabularies, both listed. The
same table is in ``docs/ressources.md``; a test keeps the three in step.

=====================================  =========================================================================================
CRA thematique                         Les Bases themes
=====================================  =========================================================================================
diagnostic_numerique                   diagnostic_de_competences_numeriques
prendre_en_main_du_materiel            usage_du_materiel_informatique, maitrise_des_outils_numeriques
maintenance_de_materiel                usage_du_materiel_informatique, materiel_reconditionne
gere_ses_contenus_numeriques           maitrise_des_outils_numeriques, donnees
navigation_sur_internet                navigation_sur_internet
email                                  maitrise_des_outils_numeriques
bureautique                            maitrise_des_outils_numeriques
reseaux_sociaux                        communication_en_ligne_et_reseaux_sociaux, reseaux_sociaux_et_communication
sante                                  numerique_en_sante
banque_et_achats_en_ligne              demarches_et_services_en_ligne, risques_cyber_et_protection
entrepreneuriat                        emploi_et_entrepreunariat, economie_numerique
insertion_professionnelle              emploi_et_entrepreunariat, education_et_formation
securite_numerique                     risques_cyber_et_protection
parentalite                            parentalite
scolarite_et_numerique                 education_et_formation, education_aux_medias, parentalite
creer_avec_le_numerique                arts_et_culture, loisirs_et_creations_numeriques, code_et_programmation, jeux_videos
culture_numerique                      acteurs_du_numerique, communs_numeriques, usages_responsables_du_numerique, education_aux_medias
intelligence_artificielle              intelligence_artificielle
aide_aux_demarches_administratives     demarches_et_services_en_ligne, aides_aux_demarches_administratives
papiers_elections_citoyennete          demarches_et_services_en_ligne, aides_aux_demarches_administratives, citoyennete_et_engagement
famille_scolarite                      demarches_et_services_en_ligne, aides_aux_demarches_administratives, parentalite
social_sante                           demarches_et_services_en_ligne, aides_aux_demarches_administratives, numerique_en_sante
travail_formation                      demarches_et_services_en_ligne, aides_aux_demarches_administratives, emploi_et_entrepreunariat
logement                               demarches_et_services_en_ligne, aides_aux_demarches_administratives
transports_mobilite                    demarches_et_services_en_ligne, aides_aux_demarches_administratives, mobilites
argent_impots                          demarches_et_services_en_ligne, aides_aux_demarches_administratives
justice                                demarches_et_services_en_ligne, aides_aux_demarches_administratives
etrangers_europe                       demarches_et_services_en_ligne, aides_aux_demarches_administratives
loisirs_sports_culture                 arts_et_culture, loisirs_et_creations_numeriques
associations                           citoyennete_et_engagement, gouvernances_partagees
=====================================  =========================================================================================
"""

from __future__ import annotations

CORRESPONDANCE: dict[str, tuple[str, ...]] = {
    "diagnostic_numerique": ("diagnostic_de_competences_numeriques",),
    "prendre_en_main_du_materiel": ("usage_du_materiel_informatique", "maitrise_des_outils_numeriques"),
    "maintenance_de_materiel": ("usage_du_materiel_informatique", "materiel_reconditionne"),
    "gere_ses_contenus_numeriques": ("maitrise_des_outils_numeriques", "donnees"),
    "navigation_sur_internet": ("navigation_sur_internet",),
    "email": ("maitrise_des_outils_numeriques",),
    "bureautique": ("maitrise_des_outils_numeriques",),
    "reseaux_sociaux": ("communication_en_ligne_et_reseaux_sociaux", "reseaux_sociaux_et_communication"),
    "sante": ("numerique_en_sante",),
    "banque_et_achats_en_ligne": ("demarches_et_services_en_ligne", "risques_cyber_et_protection"),
    "entrepreneuriat": ("emploi_et_entrepreunariat", "economie_numerique"),
    "insertion_professionnelle": ("emploi_et_entrepreunariat", "education_et_formation"),
    "securite_numerique": ("risques_cyber_et_protection",),
    "parentalite": ("parentalite",),
    "scolarite_et_numerique": ("education_et_formation", "education_aux_medias", "parentalite"),
    "creer_avec_le_numerique": (
        "arts_et_culture", "loisirs_et_creations_numeriques", "code_et_programmation", "jeux_videos",
    ),
    "culture_numerique": (
        "acteurs_du_numerique", "communs_numeriques", "usages_responsables_du_numerique", "education_aux_medias",
    ),
    "intelligence_artificielle": ("intelligence_artificielle",),
    "aide_aux_demarches_administratives": ("demarches_et_services_en_ligne", "aides_aux_demarches_administratives"),
    "papiers_elections_citoyennete": (
        "demarches_et_services_en_ligne", "aides_aux_demarches_administratives", "citoyennete_et_engagement",
    ),
    "famille_scolarite": ("demarches_et_services_en_ligne", "aides_aux_demarches_administratives", "parentalite"),
    "social_sante": ("demarches_et_services_en_ligne", "aides_aux_demarches_administratives", "numerique_en_sante"),
    "travail_formation": (
        "demarches_et_services_en_ligne", "aides_aux_demarches_administratives", "emploi_et_entrepreunariat",
    ),
    "logement": ("demarches_et_services_en_ligne", "aides_aux_demarches_administratives"),
    "transports_mobilite": ("demarches_et_services_en_ligne", "aides_aux_demarches_administratives", "mobilites"),
    "argent_impots": ("demarches_et_services_en_ligne", "aides_aux_demarches_administratives"),
    "justice": ("demarches_et_services_en_ligne", "aides_aux_demarches_administratives"),
    "etrangers_europe": ("demarches_et_services_en_ligne", "aides_aux_demarches_administratives"),
    "loisirs_sports_culture": ("arts_et_culture", "loisirs_et_creations_numeriques"),
    "associations": ("citoyennete_et_engagement", "gouvernances_partagees"),
}


def themes_de(thematique: str) -> tuple[str, ...]:
    """The Les Bases themes of a CRA thematique (none for an unknown one)."""
    return CORRESPONDANCE.get(thematique, ())

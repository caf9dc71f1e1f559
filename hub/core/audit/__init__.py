"""The audit log of mutations: who changed what, when.

Every service that writes records one :class:`~hub.core.audit.models.Mutation` in the caller's
transaction (:func:`~hub.core.audit.journal.record_mutation`, or the block
:func:`~hub.core.audit.journal.journalise`), named as in La Coop where it has the name. Those of
structures, users and teams: ``creer_structure``, ``modifier_structure``, ``supprimer_structure``,
``ajouter_lieu_activite``, ``quitter_lieu_activite`` (a lieu edited is a ``modifier_structure``),
``creer_utilisateur``, ``changer_roles``, ``choisir_profil_inscription``,
``renseigner_structure_employeuse``, ``renseigner_lieux_activite``, ``valider_inscription``,
``inviter_mediateurs_coordonnes``, ``accepter_invitation_mediateur_coordonne``,
``refuser_invitation_mediateur_coordonne``, ``renvoyer_invitation_mediateur_coordonne``,
``annuler_invitation_mediateur_coordonne``, ``retirer_mediateur_coordonne``, ``quitter_equipe``.
"""

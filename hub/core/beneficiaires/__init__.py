"""The bénéficiaires of a mediator: followed (named) or anonymous, strictly owner-scoped.

Every function takes the acting mediator's own ``mediateur_id`` (the caller takes it from the
principal, never from the request). A bénéficiaire of someone else, deleted, unknown — or, for
the functions on followed bénéficiaires, anonymous — gets the same
:class:`~hub.core.errors.NotFound`, so ids cannot be probed. Coordinators and the public
read API (statistics, anonymised activities) never read a bénéficiaire's identity; only the
mediator and the partner tools they authorise (scope ``activites:ecriture``, acting for that
mediator) do.
"""

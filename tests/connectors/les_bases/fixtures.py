"""Les Bases answers written for these tests (fictitious resources, shaped like the public feeds)."""

from __future__ import annotations

import uuid
from typing import Any

URL = "https://lesbases.exemple.fr"


def ressource(slug: str, *, public: bool = True, deleted: str | None = None, updated: str = "2026-10-01T08:00:00.000Z") -> dict[str, Any]:
    """One item of ``/api/v1/resources``: title and url null unless public, published and not deleted."""
    visible = public and deleted is None
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, slug)),
        "slug": slug,
        "title": f"Titre de {slug}" if visible else None,
        "created": "2026-01-05T10:00:00.000Z",
        "updated": updated,
        "deleted": deleted,
        "is_public": public,
        "published": "2026-01-06T09:00:00.000Z" if public else None,
        "url": f"{URL}/ressources/{slug}" if visible else None,
    }


MARKDOWN_AMELI = """# Créer son compte Ameli pas à pas

<p>Une fiche pour accompagner la <strong>création</strong> d&#39;un compte Ameli.</p>
<p>Avec captures d'écran.</p>

Thématiques : Numérique en santé, Démarches et services en ligne

Type de support : Tutoriel, Fiche pratique  

Public cible : Seniors & personnes âgées, Tous publics

## Étape 1

Rendez-vous sur le site d'Ameli.

**Fichier téléchargeable : Guide** :  
Le guide complet
guide.pdf
"""

MARKDOWN_SANS_INDEXATION = """# Une ressource sans indexation

<p>Rien n'est renseigné.</p>

false

false

false

Le contenu.
"""

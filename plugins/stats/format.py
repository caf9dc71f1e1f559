"""Numbers as French readers write them, the same on the page, in charts and in the share page."""

from __future__ import annotations

from datetime import date

ESPACE_FINE = "\u202f"  # narrow no-break space: thousands separator, and before « % »


def nombre_fr(valeur: int | float) -> str:
    """``12 345`` (thousands split by a narrow no-break space), ``2,5`` for a decimal."""
    if isinstance(valeur, float) and not valeur.is_integer():
        entier, _, decimales = f"{valeur:,.1f}".partition(".")
        return f"{entier},{decimales}".replace(",", ESPACE_FINE, entier.count(","))
    return f"{int(valeur):,}".replace(",", ESPACE_FINE)


def pourcentage_fr(proportion: float) -> str:
    """A proportion (a percentage with 3 decimals) as the page shows it, to one decimal: ``12,5 %``."""
    arrondi = round(proportion, 1)
    texte = f"{arrondi:.1f}".replace(".", ",").removesuffix(",0")
    return f"{texte}{ESPACE_FINE}%"


def evolution_fr(avant: int, apres: int) -> str | None:
    """The change from ``avant`` to ``apres`` in percent (``+25 %``, ``−10 %``); ``None`` when
    ``avant`` is 0 (no basis to compare)."""
    if avant == 0:
        return None
    ecart = round((apres - avant) * 100 / avant)
    signe = "+" if ecart > 0 else "−" if ecart < 0 else ""
    return f"{signe}{nombre_fr(abs(ecart))}{ESPACE_FINE}%"


def periode_fr(du: date | None, au: date | None) -> str:
    """The period in words: ``du 01/01/2025 au 12/03/2025``, ``depuis le…``, ``jusqu'au…``."""
    if du and au:
        return f"du {du:%d/%m/%Y} au {au:%d/%m/%Y}"
    if du:
        return f"depuis le {du:%d/%m/%Y}"
    if au:
        return f"jusqu'au {au:%d/%m/%Y}"
    return "depuis le début"


FILTRES = {"nombre_fr": nombre_fr, "pourcentage_fr": pourcentage_fr, "periode_fr": periode_fr}

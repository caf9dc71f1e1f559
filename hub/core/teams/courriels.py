"""The invitation e-mail (first sending and reminder), in French, with the link to answer it."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from hub.core.identity.models import User
from hub.core.mail import send_mail
from hub.core.teams.models import InvitationEquipe

if TYPE_CHECKING:
    from hub.core.hub import Hub


def lien_invitation(hub: Hub, invitation: InvitationEquipe) -> str:
    """Where the invited person accepts or declines: ``{public_url}/invitations/{id}``."""
    return f"{hub.settings.public_url.rstrip('/')}/invitations/{invitation.id}"


async def envoyer_invitation(
    hub: Hub, invitation: InvitationEquipe, coordinateur: User, *, rappel: bool = False
) -> None:
    """Mail ``invitation`` to its address, from the coordinator's name (a reminder when ``rappel``)."""
    site = hub.settings.site_name
    qui = coordinateur.display_name
    lien = lien_invitation(hub, invitation)
    subject = f"{'Rappel : ' if rappel else ''}{qui} vous invite à rejoindre son équipe sur {site}"
    paragraphs = [
        "Bonjour,",
        f"{qui} ({coordinateur.email}) vous invite à rejoindre son équipe de médiation numérique sur {site}.",
        "En la rejoignant, vous partagez avec votre coordinateur ou coordinatrice les statistiques de vos "
        "activités. Les personnes que vous accompagnez restent anonymes : leur identité n'est jamais partagée.",
        f"Pour accepter ou refuser l'invitation, connectez-vous avec cette adresse e-mail ({invitation.email}) puis "
        f"suivez ce lien : {lien}",
        "Si vous ne connaissez pas cette personne, ignorez ce message.",
        f"L'équipe de {site}",
    ]
    html = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs[:3])
    html += (
        f"<p>Pour accepter ou refuser l'invitation, connectez-vous avec cette adresse e-mail "
        f"({escape(invitation.email)}) puis suivez ce lien :<br>"
        f'<a href="{escape(lien, quote=True)}">Répondre à l\'invitation</a></p>'
    )
    html += "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs[4:])
    await send_mail(hub, invitation.email, subject, "\n\n".join(paragraphs) + "\n", html)

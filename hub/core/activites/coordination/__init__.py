"""A coordinator's own activity log: animations, événements and partenariats (« Mes coordinations »)."""

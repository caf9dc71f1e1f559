"""Tags on activities, in four scopes: personnel, d'équipe, départemental and national."""

"""Structures (employers and lieux d'activité), following the national schema of lieux de médiation numérique."""

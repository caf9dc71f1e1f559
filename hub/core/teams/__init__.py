"""Coordinator teams: members over time and invitations."""

"""The audit log of mutations: who changed what, when."""

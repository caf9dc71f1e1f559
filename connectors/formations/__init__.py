"""Training catalogue feeds (JSON or CSV), in the format documented in docs/formations-flux.md."""

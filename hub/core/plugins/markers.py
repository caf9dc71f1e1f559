"""The pluggy markers of the hub (project name ``"hub"``)."""

import pluggy

PROJECT_NAME = "hub"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

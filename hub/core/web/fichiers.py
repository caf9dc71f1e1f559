"""The pages of files: imports (:mod:`hub.core.web.imports`) and exports (:mod:`hub.core.web.exports`)."""

from hub.core.web.exports import ROUTES as EXPORTS
from hub.core.web.imports import ROUTES as IMPORTS

ROUTES = [*IMPORTS, *EXPORTS]

"""Activities (CRA): the domain vocabulary shared by the core and the plugins."""

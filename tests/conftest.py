import os

os.environ.setdefault("HUB_DISABLE_PLUGIN_AUTOLOAD", "1")

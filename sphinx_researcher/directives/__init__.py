"""One module per directive or role; each exposes ``setup_<name>(app)``."""

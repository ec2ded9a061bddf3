"""Site-wide data kept in the build environment (keyed by document, purged and merged)."""

"""Typed models of what a homepage shows; they know nothing of docutils or Sphinx."""

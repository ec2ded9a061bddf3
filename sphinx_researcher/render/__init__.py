"""Rendering of models: HTML strings (html builders), standard nodes (every other builder)."""

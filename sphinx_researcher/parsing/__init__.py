"""Turning what users write (options, list items, BibTeX) into models."""

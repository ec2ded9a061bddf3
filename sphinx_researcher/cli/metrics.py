"""Placeholder for the `metrics` command: its issue replaces this module."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    pass

"""Clients of the open scholarly APIs used by ``sphinx-researcher metrics`` and ``sync``.

Only the command line imports these: a build never touches the network.
"""

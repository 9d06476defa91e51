"""Connector roles: hubs, gatekeepers and pulsetakers in a network of people.

The engine behind the "Who are the connectors in our network?" widget and the
``innovation-toolkit roles`` command. Pure Python on networkx (no numpy), so it runs
unchanged in CPython and in Pyodide. Call :func:`analyse`; see
docs/methods/connector-roles.md for the method and its sources.
"""

from innovation_toolkit.network.analyse import analyse

__all__ = ["analyse"]

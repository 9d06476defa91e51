"""The optional networkit engine for large networks (``--engine networkit``, command line only).

networkit (Staudt, Sazonovs and Meyerhenke 2016, "NetworKit: a tool suite for large-scale
complex network analysis", *Network Science* 4(4), 508–530; MIT licence) runs the same
shortest-path searches in compiled, multi-threaded code. It is installed with
``pip install 'innovation-toolkit[large]'`` and never in the browser.

The engine gives the same result format as the built-in one (:func:`measures.path_measures`
chooses between them), with the same normalisations (tested against networkx and the
Python engine on reference networks):

* exact: networkit's ``Betweenness`` (Brandes 2001) and ``Closeness`` (when everyone can
  reach everyone) or ``HarmonicCloseness`` (otherwise), on distances *to* each person;
* estimated: the same doubling rounds and stopping rule as the Python engine. Each round
  adds networkit ``EstimateBetweenness`` samples (Brandes and Pich 2007; fresh random
  sources, seeded, averaged with the earlier rounds' by sample count) and searches from the
  next start points of the seeded order for closeness (Eppstein and Wang 2004).
"""

from __future__ import annotations

import random
import sys

import networkx as nx

from innovation_toolkit.errors import InputError

INSTALL = "pip install 'innovation-toolkit[large]'"


def load():
    """Import networkit, or raise a one-line ``InputError`` saying why it cannot be used."""
    if sys.platform == "emscripten":
        raise InputError("engine 'networkit' runs only on the command line; in the browser the built-in Python engine is used")
    try:
        import networkit
    except ImportError:
        raise InputError(f"engine 'networkit' needs the networkit package: {INSTALL}") from None
    return networkit


def available() -> bool:
    """True when networkit can be imported here."""
    try:
        load()
    except InputError:
        return False
    return True


class Estimator:
    """Betweenness and closeness from networkit, exact or from the first ``k`` start points.

    With ``closeness`` false only betweenness is computed (the closeness returned is empty).
    """

    def __init__(self, graph: nx.Graph, weighted: bool, connected: bool, common: float, seed: int, closeness: bool = True):
        nk = load()
        import numpy

        self.nk, self.np = nk, numpy
        self.graph, self.weighted, self.connected, self.common, self.seed = graph, weighted, connected, common, seed
        self.closeness = closeness
        self.nodes = list(graph)
        n = self.n = len(self.nodes)
        index = {node: i for i, node in enumerate(self.nodes)}
        self.directed = graph.is_directed()
        self.g = nk.Graph(n, weighted=weighted, directed=self.directed)
        self.reverse = nk.Graph(n, weighted=weighted, directed=True) if self.directed else self.g
        for u, v, data in graph.edges(data=True):
            length = 1 / float(data.get("weight", 1.0)) if weighted else 1.0
            self.g.addEdge(index[u], index[v], length)
            if self.directed:
                self.reverse.addEdge(index[v], index[u], length)
        self.order = random.Random(seed).sample(range(n), n)
        self.done = 0
        self.rounds = 0
        self.between_sum = numpy.zeros(n)
        self.samples = 0
        self.distance_totals = numpy.zeros(n)
        self.harmonic_totals = numpy.zeros(n)
        self.is_source = numpy.zeros(n, dtype=bool)

    def _named(self, values) -> dict:
        return {node: float(value) for node, value in zip(self.nodes, values, strict=True)}

    def exact(self) -> tuple[dict, dict]:
        nk = self.nk
        if self.n <= 2:
            from innovation_toolkit.network.measures import _PythonEstimator

            return _PythonEstimator(self.graph, self.weighted, self.connected, self.common, self.seed, self.closeness).exact()
        between = nk.centrality.Betweenness(self.g, True)
        between.run()
        if not self.closeness:
            return self._named(between.scores()), {}
        if self.connected:
            close = nk.centrality.Closeness(self.reverse, True, nk.centrality.ClosenessVariant.STANDARD)
        else:
            close = nk.centrality.HarmonicCloseness(self.reverse, True)
        close.run()
        return self._named(between.scores()), self._named(self.np.asarray(close.scores()) * self.common)

    def complete(self) -> tuple[dict, dict]:
        """Everyone a start point: networkit's exact computation (its samples repeat sources)."""
        return self.exact()

    def estimate(self, k: int) -> tuple[dict, dict]:
        nk, np = self.nk, self.np
        fresh = k - self.done
        if fresh > 0:
            self.rounds += 1
            nk.setSeed(self.seed + self.rounds, True)
            sampler = nk.centrality.EstimateBetweenness(self.g, fresh, True, True)
            sampler.run()
            self.between_sum += np.asarray(sampler.scores()) * fresh
            self.samples += fresh
            if self.closeness:
                self._distances_from(self.order[self.done : k])
            self.done = k
        between = self.between_sum / max(self.samples, 1)
        if not self.closeness:
            return self._named(between), {}
        others = np.where(self.is_source, k - 1, k).astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.connected:
                close = np.where(self.distance_totals > 0, others / self.distance_totals, 0.0)
            else:
                close = np.where(others > 0, self.harmonic_totals / others, 0.0)
        return self._named(between), self._named(close * self.common)

    def _distances_from(self, sources: list) -> None:
        """Add each person's distances from ``sources`` to the closeness totals."""
        np = self.np
        search = self.nk.distance.Dijkstra if self.weighted else self.nk.distance.BFS
        for s in sources:
            run = search(self.g, s, False)
            run.run()
            distances = np.asarray(run.getDistances())
            reached = (distances > 0) & (distances < 1e300)
            self.distance_totals[reached] += distances[reached]
            self.harmonic_totals[reached] += 1 / distances[reached]
            self.is_source[s] = True

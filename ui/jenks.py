"""Fisher-Jenks natural breaks, the same breaks as mapclassify.FisherJenks, in numpy.

mapclassify's own (numba is not a dependency) is a triple loop in pure Python: about 100 ms of CPU for the 300 order
statistics ui.maps classes a large map on, at every rerun of a Bone or province desa map shown by natural breaks
(benchmarks/README.md, q-link). This is the same dynamic programme, its inner loop over the candidate last class done
as array operations on the same float32 running sums, so the breaks are identical, ties included (the last candidate
of an equal minimum wins, as mapclassify's `>=`); tests/test_jenks.py compares the two."""

import numpy as np


def breaks(values: np.ndarray, k: int) -> np.ndarray:
    """The upper bounds of the k classes of `values` (sorted here), as mapclassify.FisherJenks(values, k).bins."""
    x = np.sort(np.asarray(values, dtype="f8"))
    n = len(x)
    # first[l, j]: 1-based index of the first value of the last class of the best split of x[:l] into j classes;
    # cost[l, j]: that split's sum of squared deviations (float32, as mapclassify)
    first = np.zeros((n + 1, k + 1), dtype=np.int32)
    cost = np.zeros((n + 1, k + 1), dtype=np.float32)
    first[1, 1:] = 1
    cost[2:, 1:] = np.inf
    x32 = x.astype(np.float32)
    for length in range(2, n + 1):
        tail = x32[length - 1::-1]  # x[length-1], x[length-2], ..., x[0]: the last class grows leftwards
        s1 = np.cumsum(tail, dtype=np.float32)
        s2 = np.cumsum(tail * tail, dtype=np.float32)
        v = s2 - (s1 * s1) / np.arange(1, length + 1, dtype=np.float32)  # the last class's cost, by its size m
        before = np.arange(length - 1, 0, -1)  # the values before a last class of 1 .. length-1 values
        for j in range(2, k + 1):
            candidates = v[:-1] + cost[before, j - 1]
            c = len(candidates) - 1 - int(np.argmin(candidates[::-1]))  # the last of an equal minimum, as `>=`
            first[length, j] = length - c
            cost[length, j] = candidates[c]
        first[length, 1] = 1
        cost[length, 1] = v[-1]
    bounds = np.zeros(k + 1, dtype=x.dtype)
    bounds[k], bounds[0] = x[-1], x[0]
    last = n
    for j in range(k, 1, -1):
        pivot = first[last, j]
        bounds[j - 1] = x[int(pivot - 2)]
        last = int(pivot - 1)
    return bounds[1:]

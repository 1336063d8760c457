"""ui/jenks.py gives mapclassify.FisherJenks's breaks exactly (ties included: counts of children have many), at a
fraction of its CPU time (the province's and Bone's desa maps by natural breaks classify 300 order statistics at every
rerun)."""

import time
import warnings

import mapclassify
import numpy as np
import pytest

from ui import jenks


def _mapclassify(x: np.ndarray, k: int) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Numba not installed")
        return mapclassify.FisherJenks(x, k=k).bins


SAMPLES = {
    "rates": lambda rng, n: rng.gamma(2, 3, n),
    "counts": lambda rng, n: rng.integers(0, 12, n).astype(float),  # many ties
    "rounded": lambda rng, n: np.round(rng.normal(10, 4, n), 1),
    "sparse counts": lambda rng, n: rng.poisson(1, n).astype(float),
}


@pytest.mark.parametrize("kind", SAMPLES)
@pytest.mark.parametrize("k", [2, 3, 5])
def test_the_same_breaks_as_mapclassify(kind, k):
    rng = np.random.default_rng(len(kind) * 10 + k)
    for n in (k + 1, 17, 120, 300):
        x = SAMPLES[kind](rng, n)
        k_here = min(k, len(np.unique(x)))
        if k_here < 2:
            continue
        assert np.array_equal(jenks.breaks(x, k_here), _mapclassify(x, k_here)), (kind, n, k_here)


def test_unsorted_input_and_the_map_classes():
    x = np.array([9.0, 1, 1, 2, 8, 8, 3, 40, 41, 2])
    assert np.array_equal(jenks.breaks(x, 3), _mapclassify(x, 3))
    assert list(jenks.breaks(x, 3)) == [3.0, 9.0, 41.0]


def test_faster_than_mapclassify():
    """CPU time, both in this process: 300 values (ui.maps.JENKS_MAX) were about 100 ms in mapclassify's loops."""
    x = np.sort(np.random.default_rng(7).gamma(2, 3, 300))

    def cpu(f):
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            f(x, 5)
            best = min(best, time.process_time() - start)
        return best

    assert cpu(jenks.breaks) * 4 < cpu(_mapclassify)

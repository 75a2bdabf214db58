"""The Swift Decision library against the independent numpy reference (bench/smaa_reference.py).

Both read the same weight samples (drawn by the Swift samplers) and, where values are uncertain,
the same score draws (drawn here), so every figure must agree to rounding: rank acceptabilities,
central weights, confidence factors, holistic acceptabilities and pairwise winning indices.
The weights drawn by Swift's hit-and-run are also compared in distribution with rejection
sampling done here.

DECISION_BIN names the `decision` executable (scripts/test passes the debug build's).
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import smaa_reference  # noqa: E402

DECISION = os.environ.get("DECISION_BIN", str(ROOT / ".build" / "debug" / "decision"))


def run_swift(*args):
    completed = subprocess.run([DECISION, *map(str, args)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return completed


def problem(tmp_path, name, scores, weights, samples=3000, seed=5, **extra):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(dict(scores=np.asarray(scores).tolist(), weights=weights, samples=samples, seed=seed, **extra)))
    return path


def both(tmp_path, path, draws=None):
    """Weights drawn by Swift; then SMAA by Swift and by the reference on those weights."""
    weights = tmp_path / (path.stem + ".weights")
    run_swift("sample", path, "--out", weights)
    extra = ["--draws", draws] if draws is not None else []
    swift_out, ref_out = tmp_path / (path.stem + ".swift.json"), tmp_path / (path.stem + ".ref.json")
    run_swift("smaa", path, "--weights", weights, *extra, "--out", swift_out)
    smaa_reference.main(["smaa", str(path), "--weights", str(weights), *map(str, extra), "--out", str(ref_out)])
    return json.loads(swift_out.read_text()), json.loads(ref_out.read_text()), np.fromfile(weights, dtype="<f8")


def assert_agree(swift, ref):
    for key in ("rankAcceptability", "holisticAcceptability", "pairwiseWinning"):
        np.testing.assert_allclose(np.array(swift[key]), np.array(ref[key]), rtol=0, atol=1e-12, err_msg=key)
    for key in ("centralWeights", "confidence"):
        assert [v is None for v in swift[key]] == [v is None for v in ref[key]], key
        for a, b in zip(swift[key], ref[key]):
            if a is not None:
                np.testing.assert_allclose(np.array(a), np.array(b), rtol=0, atol=1e-12, err_msg=key)
    assert swift["samples"] == ref["samples"]


def test_exact_scores_and_weights_uniform_on_the_simplex(tmp_path):
    rng = np.random.default_rng(1)
    swift, ref, _ = both(tmp_path, problem(tmp_path, "simplex", rng.random((30, 5)), {}))
    assert_agree(swift, ref)
    b = np.array(swift["rankAcceptability"])
    np.testing.assert_allclose(b.sum(axis=0), 1, atol=1e-9)
    np.testing.assert_allclose(b.sum(axis=1), 1, atol=1e-9)


def test_tied_alternatives_share_their_ranks_alike(tmp_path):
    rng = np.random.default_rng(2)
    scores = rng.random((8, 3))
    scores[5] = scores[2]  # two identical proposals tie in every sample
    swift, ref, _ = both(tmp_path, problem(tmp_path, "ties", scores, {}, metaWeights="centroid"))
    assert_agree(swift, ref)
    b = np.array(swift["rankAcceptability"])
    np.testing.assert_allclose(b[2], b[5], atol=1e-12)
    c = np.array(swift["pairwiseWinning"])
    assert c[2, 5] == 0 and c[5, 2] == 0


def test_an_order_in_tiers_and_exact_weights(tmp_path):
    rng = np.random.default_rng(3)
    scores = rng.random((12, 8))
    swift, ref, w = both(tmp_path, problem(tmp_path, "tiers", scores, {"tiers": [[0, 5, 7], [1, 2, 3, 4, 6]]}))
    assert_agree(swift, ref)
    w = w.reshape(-1, 8)
    assert (w[:, [0, 5, 7]].min(axis=1) >= w[:, [1, 2, 3, 4, 6]].max(axis=1) - 1e-15).all()
    exact = [3, 1, 1, 1, 1, 2, 1, 2]
    swift, ref, _ = both(tmp_path, problem(tmp_path, "exact", scores, {"exact": exact}, samples=10))
    assert_agree(swift, ref)
    # Exact weights: the plain ranking, each alternative at its own rank with certainty.
    totals = scores @ (np.array(exact) / sum(exact))
    ranks = (-totals).argsort().argsort()
    b = np.array(swift["rankAcceptability"])
    assert (b[np.arange(12), ranks] == 1).all()


@pytest.mark.parametrize("m", [257, 300])
def test_more_than_256_alternatives_with_ties_and_one_far_ahead(tmp_path, m):
    # Past 256 alternatives ranks take two bytes; ties and an outlier (which crowds the rest
    # into one bucket, so the keys are sorted instead) on the way.
    rng = np.random.default_rng(m)
    scores = rng.random((m, 3))
    scores[10:40] = scores[5]
    scores[0] = [50, 50, 50]
    swift, ref, _ = both(tmp_path, problem(tmp_path, f"many{m}", scores, {}, samples=600))
    assert_agree(swift, ref)


def test_negative_scores_with_uncertainty_and_a_weights_file_of_the_wrong_length(tmp_path):
    path = problem(tmp_path, "negative", [[-0.5, 0.2], [0.3, -0.1]], {}, samples=200, uncertainty={"kind": "uniform", "relative": 0.05})
    run_swift("smaa", path, "--out", tmp_path / "negative.result.json")
    assert json.loads((tmp_path / "negative.result.json").read_text())["samples"] == 200
    (tmp_path / "short").write_bytes(b"\0" * 24)  # three doubles for two criteria
    completed = subprocess.run([DECISION, "smaa", str(path), "--weights", str(tmp_path / "short")], capture_output=True, text=True)
    assert completed.returncode == 65 and "not a whole number of samples of 2 weights" in completed.stderr, completed.stderr


def test_uncertain_scores_from_shared_draws_and_hit_and_run_weights(tmp_path):
    rng = np.random.default_rng(4)
    scores = rng.random((20, 4))
    linear = [{"coefficients": [-1, 2, 0, 0], "bound": 0}, {"coefficients": [1, 0, 0, 0], "bound": 0.6},
              {"coefficients": [0, 0, -1, 0], "bound": -0.05}]
    path = problem(tmp_path, "uncertain", scores, {"linear": linear}, samples=2000)
    draws = scores * (0.9 + 0.2 * rng.random((2000, 20, 4)))
    draws_path = tmp_path / "draws"
    draws.astype("<f8").tofile(draws_path)
    swift, ref, _ = both(tmp_path, path, draws=draws_path)
    assert_agree(swift, ref)
    confidence = [c for c in swift["confidence"] if c is not None]
    assert any(0 < c < 1 for c in confidence)


def ks_same(a, b):
    """Two-sample Kolmogorov–Smirnov at the 0.1% level."""
    a, b = np.sort(a), np.sort(b)
    grid = np.concatenate([a, b])
    d = np.abs(np.searchsorted(a, grid, side="right") / len(a) - np.searchsorted(b, grid, side="right") / len(b)).max()
    return d < 1.949 * np.sqrt((len(a) + len(b)) / (len(a) * len(b)))


def test_swift_hit_and_run_matches_rejection_sampling_done_here(tmp_path):
    linear = [{"coefficients": [-1, 1, 0, 0, 0], "bound": 0}, {"coefficients": [0, -1, 2, 0, 0], "bound": 0},
              {"coefficients": [0, 0, 0, 1, 1], "bound": 0.5}]
    path = problem(tmp_path, "har", np.zeros((2, 5)), {"linear": linear}, samples=20000, seed=9)
    weights = tmp_path / "har.weights"
    run_swift("sample", path, "--out", weights)
    w = np.fromfile(weights, dtype="<f8").reshape(-1, 5)
    A = np.array([row["coefficients"] for row in linear], dtype=float)
    b = np.array([row["bound"] for row in linear])
    assert (w @ A.T <= b + 1e-9).all() and (w >= -1e-12).all()
    np.testing.assert_allclose(w.sum(axis=1), 1, atol=1e-9)
    rng = np.random.default_rng(10)
    probe = smaa_reference.simplex(rng, 400_000, 5)
    reference = probe[(probe @ A.T <= b).all(axis=1)][:20000]
    assert len(reference) == 20000
    for j in range(5):
        assert ks_same(w[:, j], reference[:, j]), f"criterion {j}"


@pytest.mark.parametrize("scores, extra, told", [
    ([[0.1, 0.2], [0.3]], {}, "rows of the same length"),
    ([[0.1, 0.2], [0.3, 0.4]], {"uncertainty": {"kind": "normal", "relative": 0.1}}, "Only \"uniform\" uncertainty"),
])
def test_the_tool_tells_what_is_wrong_with_a_problem_file(tmp_path, scores, extra, told):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(dict(scores=scores, weights={}, samples=10, seed=1, **extra)))
    completed = subprocess.run([DECISION, "smaa", str(path)], capture_output=True, text=True)
    assert completed.returncode == 65 and told in completed.stderr, completed.stderr


def test_the_tool_refuses_constraints_that_allow_no_weights(tmp_path):
    path = problem(tmp_path, "none", np.zeros((2, 3)), {"intervals": [{"criterion": 0, "lower": 0.7, "upper": 1},
                                                                       {"criterion": 1, "lower": 0.7, "upper": 1}]})
    completed = subprocess.run([DECISION, "sample", str(path), "--out", str(tmp_path / "w")], capture_output=True, text=True)
    assert completed.returncode == 65
    assert "No weights satisfy all of these constraints together." in completed.stderr

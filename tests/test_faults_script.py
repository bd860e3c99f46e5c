"""The fault-injection script (tools/faults.py) runs, counts honestly, and its server faults pass."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _faults():
    spec = importlib.util.spec_from_file_location("cocreate_faults", ROOT / "tools" / "faults.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["cocreate_faults"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.e2e
def test_a_chroma_server_killed_mid_batch_leaves_no_line_unanswered(tmp_path: Path):
    faults = _faults()
    outcome = faults.Outcome("chroma-dies")
    faults.fault_chroma_dies_mid_batch(outcome, tmp_path)
    assert outcome.skipped or outcome.ok, outcome


def test_the_summary_counts_what_ran(capsys, monkeypatch):
    faults = _faults()

    def lose_one(outcome, work):
        outcome.lost += 1

    monkeypatch.setattr(faults, "FAULTS", {"fine": lambda o, w: None, "lossy": lose_one})
    assert faults.main([]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "2 faults, 1 data lost, 0 tracebacks, 0 hangs; 1 failed"

"""The notebooks run top to bottom against the current code."""

from __future__ import annotations

import pytest

from tests.conftest import REPO


@pytest.mark.parametrize("name", ["1.0-error-analysis.ipynb"])
def test_notebook_executes(name, shared_dir, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("KKRNLP_SHARED", str(shared_dir))
    notebook = nbformat.read(REPO / "notebooks" / name, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3",
        resources={"metadata": {"path": str(REPO / "notebooks")}},
    )  # fmt: skip
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "labelled items" in text and "unfaithful summaries: 0" in text

"""docs/workflow.md holds the diagram generated from the workflow table, and nothing else."""

from pathlib import Path

from schakel.domain.transitions import to_mermaid

DOC = Path(__file__).resolve().parents[2] / "docs" / "workflow.md"


def test_workflow_doc_matches_the_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block.rstrip("\n") == to_mermaid().rstrip("\n"), "regenerate docs/workflow.md"

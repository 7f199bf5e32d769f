"""Accuracy before and after a change: this run's figures next to the recorded ones."""

from __future__ import annotations


def print_before_after(rows: list[dict]) -> None:
    """For each figure of this run, the figure recorded in ``analysis/data/accuracy.json`` (before) and now."""
    from analysis.accuracy import read_accuracy

    recorded = read_accuracy()
    print("accuracy before (recorded) and after (this run):")
    for row in rows:
        same = recorded[(recorded["dataset"] == row["dataset"]) & (recorded["split"] == row["split"])
                        & (recorded["measure"] == row["measure"])]
        for name in ("f1", "speaker_accuracy"):
            now = row.get(name)
            if now is None:
                continue
            before = same[name].iloc[0] if len(same) and same[name].notna().iloc[0] else None
            shown = "none recorded" if before is None else f"{before:.3f} ({same['measured'].iloc[0]})"
            if before is None:
                change = ""
            else:
                change = "  =" if abs(now - before) < 5e-4 else f"  {now - before:+.3f}"
            print(f"  {row['dataset'][:32]:32} {row['split']:5} {row['measure'][:34]:34} {name:16} "
                  f"before {shown:20} after {now:.3f}{change}")

"""Draft a programme from a plan's text and measure it against the programme encoded by hand.

    python scripts/draft_recall.py                       # the Ezhou text against the embedded plan
    python scripts/draft_recall.py --text plan.txt --reference plan.toml
    python scripts/draft_recall.py --json                # the figures as JSON

Prints recall and precision per field (a Markdown table, as in docs/drafting.md), then the
reference's quantitative targets that were not recovered whole and the drafted targets that match
nothing. The matching rule is :class:`ezhou_recovery.DraftScore`'s: a drafted target matches a
reference target of the same category when the reference's clause lies within the drafted target's
source sentence, or the two share most of their characters (Dice coefficient of their characters at
least 0.6); one to one, the pairs that agree on most fields first.

The Ezhou text is found through ``EZHOU_PLAN_TEXT`` or in ``shared/seeds/`` beside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import ezhou_recovery as er
from ezhou_recovery.drafting import decode_plan_text, draft_programme, score_draft

SEED = "000_f51d655266ac6fb6.txt"


def default_text() -> Path:
    named = os.environ.get("EZHOU_PLAN_TEXT")
    if named:
        return Path(named)
    return Path(__file__).resolve().parents[2] / "shared" / "seeds" / SEED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--text", type=Path, default=None, help="the plan's text (UTF-8 or GB18030)"
    )
    parser.add_argument("--reference", type=Path, help="the programme encoded by hand (TOML/JSON)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    path = args.text or default_text()
    if not path.is_file():
        print(f"no plan text at {path}: set EZHOU_PLAN_TEXT or pass --text", file=sys.stderr)
        return 1
    reference = er.load_programme(args.reference) if args.reference else er.load_ezhou_plan()
    draft = draft_programme(decode_plan_text(path.read_bytes(), source=path.name))
    score = score_draft(draft.programme, reference)
    if args.json:
        data = {
            "fields": {
                f.name: {
                    "recall": round(f.recall, 4),
                    "precision": round(f.precision, 4),
                    "correct": f.correct,
                    "reference": f.reference,
                    "drafted": f.drafted,
                }
                for f in (*score.fields, *score.categories)
            },
            "quantitative_recall": round(score.quantitative_recall, 4),
            "quantitative": list(score.quantitative),
            "duties": list(score.duties),
            "unmatched_share": round(score.unmatched_share, 4),
            "unmatched": list(score.unmatched),
        }
        print(json.dumps(data, indent=2))
        return 0
    print(f"{path.name} drafted against {reference.key}\n")
    print(score.table())
    missed, unmatched = er.drafting.draft_differences(draft.programme, reference)
    if missed:
        print("Quantitative targets of the reference not recovered whole:")
        for line in missed:
            print(f"  {line}")
    if unmatched:
        print("Drafted targets that match nothing:")
        for t in unmatched:
            print(f"  {t.key}: {t.description_zh} ({t.describe_value()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Make the CJK font the charts ship with: a subset of WenQuanYi Micro Hei (Apache-2.0).

The subset holds printable ASCII, the GB2312 character set (6,763 hanzi and its symbols) and every
non-ASCII character of the embedded Ezhou plan, so the charts draw Chinese labels on a machine with no
CJK font installed. Run on a Debian machine with ``fonts-wqy-microhei`` installed:

    python scripts/make_cjk_font.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
ROOT = Path(__file__).parents[1]
TARGET = ROOT / "src" / "ezhou_recovery" / "data" / "fonts" / "WenQuanYiMicroHei-subset.ttf"
PLAN = ROOT / "src" / "ezhou_recovery" / "data" / "ezhou_2020_2022.toml"


def gb2312() -> set[str]:
    """Every character of GB2312 (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    found = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def main() -> None:
    chars = gb2312() | {chr(c) for c in range(0x20, 0x7F)}
    chars |= {c for c in PLAN.read_text(encoding="utf-8") if ord(c) > 0x7F}
    font = TTFont(SOURCE, fontNumber=0)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    font.save(TARGET)
    print(f"{TARGET}: {len(chars)} characters, {TARGET.stat().st_size} bytes")


if __name__ == "__main__":
    main()

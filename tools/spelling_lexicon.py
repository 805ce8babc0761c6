"""Build ``lexicons/british-american.txt``: British spellings and the American spelling of the
same word ("organisation" organization, "centre" center, "travelled" traveled), so that a rewrite
in the other spelling uses the source's words. Comparison keys read each British spelling as the
American one before stemming (``text.key``).

The pairs are breame's (``breame`` 0.1.2, Apache-2.0 licence: ``BRITISH_ENGLISH_SPELLINGS``, taken
by its author from the American British English Translator word lists), every pair as it is.

Run (breame in any environment beside the project's, as it is not one of its dependencies):
``pip install breame==0.1.2`` then ``.venv/bin/python tools/spelling_lexicon.py SITE_PACKAGES_OF_THAT_ENVIRONMENT``.
"""

from __future__ import annotations

import sys
from pathlib import Path

LEXICONS = Path(__file__).resolve().parent.parent / "python" / "provenance" / "lexicons"


def main(site_packages: str) -> None:
    sys.path.insert(0, site_packages)
    from breame.spelling import BRITISH_ENGLISH_SPELLINGS  # from the other environment

    pairs = sorted((b.lower(), a.lower()) for b, a in BRITISH_ENGLISH_SPELLINGS.items() if b.isalpha() and a.isalpha())
    header = (
        "# British spellings and the American spelling of the same word, one pair a line.\n"
        "# Built by tools/spelling_lexicon.py from breame 0.1.2 (Apache-2.0). Do not edit by hand.\n"
    )
    (LEXICONS / "british-american.txt").write_text(header + "".join(f"{b} {a}\n" for b, a in pairs), encoding="utf-8")
    print(f"{len(pairs)} pairs", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])

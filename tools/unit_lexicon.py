"""Build ``lexicons/units.tsv``: the words that name a unit of measure, with each unit's
dimension and its factor to the base unit of that dimension, so that a rewrite saying "0.3
kilometres" where the source says "300 metres" states the same distance, and "300 feet" does not.

The units are Pint's default registry (``pint`` 0.25.3, BSD licence: ``default_en.txt``, SI and
the customary, imperial and other units it defines). The words kept, fixed before any evaluation
text was looked at:

* every unit's name, its aliases and their plurals ("metre", "metres", "feet"), and the names
  with the decimal prefixes news uses (kilo, mega, giga, tera, centi, milli, micro: "kilometres",
  "megawatts"), as Pint reads them (``parse_units``);
* symbols only as Pint writes them in small letters ("km", "kg", "mph", "ft"), and the metre's,
  gram's and litre's with the prefixes whose symbols are small letters too (kilo, centi, milli,
  micro: "mm", "mg", "ml"; other prefixed symbols are words: "cat", "ms"): the scanner lower-cases a
  text's words, so "MW" (megawatt) and "mW" (milliwatt) would be one word;
* alphabetic words of two letters or more that are no function word (``lexicons/stopwords.txt``:
  Pint reads "a" as a year and "in" as an inch), with a dimension and no offset (per cent,
  radians and degrees of angle or temperature are left out).

Run (Pint in any environment beside the project's, as it is not one of its dependencies):
``pip install pint==0.25.3`` then ``.venv/bin/python tools/unit_lexicon.py SITE_PACKAGES_OF_THAT_ENVIRONMENT``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from provenance.lexicon import STOPWORDS

LEXICONS = Path(__file__).resolve().parent.parent / "python" / "provenance" / "lexicons"
PREFIXES = ("kilo", "mega", "giga", "tera", "centi", "milli", "micro")
# The symbols of those prefixes that are small letters ("mm", not "Mm"), and the symbols news
# writes them on.
SYMBOL_PREFIXES = ("k", "c", "m", "µ")
PREFIXED_SYMBOLS = ("m", "g", "l")


def main(site_packages: str) -> None:
    sys.path.insert(0, site_packages)
    import pint  # from the other environment

    registry = pint.UnitRegistry(cache_folder=None)
    names: set[str] = set()
    for definition in {id(d): d for d in registry._units.values()}.values():
        words = {definition.name, *definition.aliases}
        symbol = definition.defined_symbol
        if symbol and symbol.islower():
            words.add(symbol)
        if symbol in PREFIXED_SYMBOLS:
            words |= {prefix + symbol for prefix in SYMBOL_PREFIXES}
        words |= {prefix + word for prefix in PREFIXES for word in (definition.name, *definition.aliases)}
        names |= words | {word + "s" for word in words}
    rows = []
    for word in sorted(names):
        if len(word) < 2 or not word.isalpha() or not word.islower() or word in STOPWORDS:
            continue
        try:
            base = registry.Quantity(1, registry.parse_units(word)).to_base_units()
        except (pint.errors.PintError, AttributeError, ValueError, TypeError):
            continue
        dimension = str(base.dimensionality)
        if base.dimensionless or "[temperature]" in dimension:
            continue
        rows.append(f"{word}\t{dimension}\t{float(base.magnitude)!r}")
    header = (
        "# Words naming a unit of measure: word, dimension, factor to the dimension's base unit.\n"
        f"# Built by tools/unit_lexicon.py from Pint {pint.__version__}'s default registry (BSD licence);\n"
        "# its docstring states which words are kept. Do not edit by hand.\n"
    )
    (LEXICONS / "units.tsv").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} unit words", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])

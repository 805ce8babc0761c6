"""Build ``python/provenance/lexicons/wordnet.tsv.gz`` from Princeton WordNet 3.0.

The input is the WordNet database as Debian's ``wordnet-base`` package installs it
(``/usr/share/wordnet/data.{noun,verb,adj,adv}``; ``apt-get install wordnet-base``). The output
keeps what the changed-word check needs, keyed by the project's comparison form of a word (its
Snowball stem, ``provenance.text.key``), in sections that each start with a ``## name`` line and
hold one field a line, so that loading is a few ``str.split`` calls:

* ``## synsets``: line *i* is synset *i*'s part of speech (n, v, a, r) and the number of its
  lexicographer file (``18``: noun.person, ``32``: verb.communication), a tab, and the numbers of
  the synsets it points to as more general (hypernym ``@``), similar (adjectives, ``&``) or its
  verb group (``$``);
* ``## words``: a key, then on the next line the numbers of the synsets it is a one-word member of;
* ``## antonyms``: two keys WordNet records as antonyms (``!``), a line each;
* ``## main parts``: a key, then its main parts of speech, where WordNet also lists rarer ones:
  those tagged at least a quarter as often as the most tagged (3 tags or more) in the semantic
  concordance (``index.*``'s tagsense_cnt; "after" is an adverb, seldom the noun "afters");
* ``## clause verbs``: keys of verbs with a sense that takes a clause (WordNet's verb frame 26,
  "Somebody ----s that CLAUSE": say, believe, warn);
* ``## irregular``: an irregular form's key, then its base form's key (``*.exc``: "fell" is
  "fall"), where the stem does not already join them;
* ``## superlatives``: a superlative of an adjective as written ("largest", "best"), then its
  base ("large", "good"): see :func:`superlatives`;
* ``## derivations``: two keys WordNet records as derivationally related forms (``+``: "drinker"
  and "drink", "suspicion" and "suspect") or as an adjective and the noun it pertains to
  (pertainyms, ``\\``: "Chinese" and "China", "economic" and "economy"), a line each.

Run: ``.venv/bin/python tools/wordnet_lexicon.py [/usr/share/wordnet]``.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from provenance import _core
from provenance.text import key

HEADER = """\
# One-word synonym sets, their hypernym, similar-to and verb-group links, antonym pairs and
# derivationally related forms and pertainyms of Princeton WordNet 3.0 (Debian package wordnet-base 1:3.0), words
# as Snowball stems.
# Built by tools/wordnet_lexicon.py. WordNet 3.0 Copyright 2006 by Princeton University; all rights
# reserved. Permission to use, copy, modify and distribute this database for any purpose and
# without fee or royalty is granted, provided that the copyright notice and these statements
# appear on all copies. THIS DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. The name of Princeton University or
# Princeton may not be used in advertising or publicity pertaining to distribution of the database.
"""
LINKS = {"@", "&", "$"}
MAIN_SHARE = 4  # a part of speech is a main one when tagged at least 1/MAIN_SHARE as often as the top one
MIN_TAGGED = 3  # fewer tagged senses than this say nothing about which parts of speech are main
CLAUSE_FRAME = "26"  # "Somebody ----s that CLAUSE"


def word_key(lemma: str) -> str | None:
    """The comparison key of a one-word lemma, None for a phrase."""
    tokens = _core.tokenize(lemma.split("(")[0].replace("_", " "))
    return key(tokens[0][2]) if len(tokens) == 1 else None


def irregular(root: Path) -> dict[str, str]:
    """Irregular inflections from WordNet's exception lists, by key: form -> its first base form.
    A comparative or superlative that is a noun or a verb and no adjective or adverb of its own
    is left alone: "offer" is the noun and the verb, not the comparative of "off"."""
    nouns_and_verbs = _lemmas(root, "noun") | _lemmas(root, "verb")
    graded = _lemmas(root, "adj") | _lemmas(root, "adv")
    found: dict[str, str] = {}
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (root / f"{pos}.exc").read_text(encoding="latin-1").splitlines():
            form, base, *_ = line.split()
            if pos in ("adj", "adv") and form in nouns_and_verbs and form not in graded:
                continue
            mine, theirs = word_key(form), word_key(base)
            if mine and theirs and mine != theirs:
                found.setdefault(mine, theirs)
    return found


def superlatives(root: Path) -> dict[str, str]:
    """Superlatives of adjectives, as written, and their base: the irregular ones of ``adj.exc``
    ("best" good, "biggest" big) and the regular ones of every one-word adjective (WordNet's own
    rules: "-est", "-st" after "e", "-iest" for "-y": "largest", "happiest"), where the form is no
    noun or verb ("forest", "priest") and, if an adjective of its own, has no more senses than its
    base ("greatest", "lowest" are superlatives; "modest", seven senses beside "mod"'s one, is not)."""
    nouns_and_verbs = _lemmas(root, "noun") | _lemmas(root, "verb")
    senses = _senses(root, "adj")
    found: dict[str, str] = {}
    for line in (root / "adj.exc").read_text(encoding="latin-1").splitlines():
        form, base, *_ = line.split()
        # The list also maps a word to itself ("forest forest") to keep WordNet's rules off it.
        if form != base and (form.endswith("est") or form in ("best", "worst")):
            found.setdefault(form, base)
    for base, count in senses.items():
        if not base.isalpha() or len(base) < 2:
            continue
        if base.endswith("e"):
            form = base + "st"
        elif base.endswith("y") and base[-2] not in "aeiou":
            form = base[:-1] + "iest"
        else:
            form = base + "est"
        if form not in nouns_and_verbs and senses.get(form, 0) <= count:
            found.setdefault(form, base)
    return found


def _senses(root: Path, pos: str) -> dict[str, int]:
    """Each lemma of an index and its number of senses."""
    return {
        fields[0]: int(fields[2])
        for line in (root / f"index.{pos}").read_text(encoding="latin-1").splitlines()
        if not line.startswith(" ") and (fields := line.split())
    }


def _lemmas(root: Path, pos: str) -> set[str]:
    return {
        line.split(" ", 1)[0]
        for line in (root / f"index.{pos}").read_text(encoding="latin-1").splitlines()
        if not line.startswith(" ")
    }


def main_parts(root: Path) -> dict[str, str]:
    """Keys whose most often tagged parts of speech are fewer than all of theirs: key -> those parts."""
    tagged: dict[str, dict[str, int]] = {}
    for pos, mark in (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")):
        for line in (root / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            word = word_key(fields[0])
            if word is None:
                continue
            pointers = int(fields[3])
            count = int(fields[5 + pointers])
            tagged.setdefault(word, {})
            tagged[word][mark] = tagged[word].get(mark, 0) + count
    found = {}
    for word, counts in tagged.items():
        top = max(counts.values())
        main = "".join(sorted(mark for mark, n in counts.items() if n * MAIN_SHARE >= top))
        if top >= MIN_TAGGED and len(main) < len(counts):
            found[word] = main
    return found


def main(root: Path) -> None:
    number: dict[tuple[str, str], int] = {}
    rows: list[tuple[tuple[str, str], list[str], list[tuple[str, str]]]] = []  # (pos, offset), keys, links
    files: dict[tuple[str, str], int] = {}  # (pos, offset) -> lexicographer file
    antonyms: set[tuple[str, str]] = set()
    pending: list[tuple[str | None, tuple[str, str], int]] = []
    pending_derived: list[tuple[str | None, tuple[str, str], int]] = []
    members: dict[tuple[str, str], list[str | None]] = {}
    clause_verbs: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (root / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue  # the licence at the top of the file
            fields = line.split(" | ")[0].split()
            offset, kind = fields[0], fields[2].replace("s", "a")
            count = int(fields[3], 16)
            lemmas = fields[4 : 4 + 2 * count : 2]
            keys = [word_key(lemma) for lemma in lemmas]
            at = 4 + 2 * count
            links = []
            for i in range(int(fields[at])):
                symbol, target, target_pos, words = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                target_pos = target_pos.replace("s", "a")
                if symbol in LINKS:
                    links.append((target_pos, target))
                elif symbol in ("!", "+", "\\") and words != "0000":
                    # A lexical pointer names the target word; it is resolved once every synset is read.
                    link = (keys[int(words[:2], 16) - 1], (target_pos, target), int(words[2:], 16) - 1)
                    (pending if symbol == "!" else pending_derived).append(link)
            if kind == "v":
                frames = fields[at + 1 + 4 * int(fields[at]) :]
                for _, frame, word in zip(frames[1::3], frames[2::3], frames[3::3]):
                    if frame == CLAUSE_FRAME:
                        taking = keys if word == "00" else [keys[int(word, 16) - 1]]
                        clause_verbs.update(k for k in taking if k)
            number[(kind, offset)] = len(number)
            files[(kind, offset)] = int(fields[1])
            rows.append(((kind, offset), [k for k in keys if k], links))
            members[(kind, offset)] = keys
    for mine, target, index in pending:
        theirs = members[target][index]
        if mine and theirs and mine != theirs:
            antonyms.add((min(mine, theirs), max(mine, theirs)))
    derivations: set[tuple[str, str]] = set()
    for mine, target, index in pending_derived:
        theirs = members[target][index]
        if mine and theirs and mine != theirs:
            derivations.add((min(mine, theirs), max(mine, theirs)))
    words: dict[str, list[int]] = {}
    for ident, keys, _ in rows:
        for word in sorted(set(keys)):
            words.setdefault(word, []).append(number[ident])
    out = Path(__file__).resolve().parent.parent / "python" / "provenance" / "lexicons" / "wordnet.tsv.gz"
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(HEADER)
        f.write("## synsets\n")
        for ident, _, links in rows:
            f.write(f"{ident[0]}{files[ident]}\t{' '.join(str(number[t]) for t in links)}\n")
        f.write("## words\n")
        for word, numbers in sorted(words.items()):
            f.write(f"{word}\n{' '.join(map(str, numbers))}\n")
        f.write("## antonyms\n")
        for a, b in sorted(antonyms):
            f.write(f"{a}\n{b}\n")
        f.write("## main parts\n")
        for word, parts in sorted(main_parts(root).items()):
            f.write(f"{word}\n{parts}\n")
        f.write("## clause verbs\n")
        f.write("".join(f"{verb}\n" for verb in sorted(clause_verbs)))
        f.write("## irregular\n")
        for form, base in sorted(irregular(root).items()):
            f.write(f"{form}\n{base}\n")
        f.write("## superlatives\n")
        for form, base in sorted(superlatives(root).items()):
            f.write(f"{form}\n{base}\n")
        f.write("## derivations\n")
        for a, b in sorted(derivations):
            f.write(f"{a}\n{b}\n")
    print(f"{out}: {len(rows)} synsets, {len(words)} words, {len(antonyms)} antonym pairs, {len(derivations)} derivations")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"))

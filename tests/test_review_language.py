"""A text that is not English prose is named beside the verdict: the analysis is English throughout,
so a translation reads as unrelated and its foreign words as added claims, and a reader must know."""

from __future__ import annotations

import json
from pathlib import Path

from cli_run import run
from provenance import compare

ENGLISH = (
    "The city council voted on Tuesday to close the old library on Mill Street, citing repair costs of "
    "1.2 million pounds. The mayor, who has led the council since 2019, said that the town simply could not "
    "afford it. Residents' groups said they would appeal the decision, and some have already collected 3,000 "
    "signatures. The library opened in 1904 and holds about 80,000 books, including a rare collection of maps."
)
# The same story in French: a translation the analysis cannot see.
FRENCH = (
    "Le conseil municipal a voté mardi la fermeture de la vieille bibliothèque de la rue du Moulin, invoquant "
    "des coûts de réparation de 1,2 million de livres. La maire, qui dirige le conseil depuis 2019, a déclaré "
    "que la ville ne pouvait tout simplement pas se le permettre. Les associations d'habitants feront appel de "
    "la décision, et certaines ont déjà recueilli 3 000 signatures. La bibliothèque a ouvert ses portes en 1904 "
    "et compte environ 80 000 livres, dont une collection rare de cartes."
)
GERMAN = (
    "Der Stadtrat hat am Dienstag beschlossen, die alte Bibliothek in der Mühlenstraße zu schließen, und "
    "begründete dies mit Reparaturkosten von 1,2 Millionen Pfund. Die Bürgermeisterin, die den Rat seit 2019 "
    "leitet, sagte, die Stadt könne es sich einfach nicht leisten. Anwohnergruppen kündigten Einspruch an, und "
    "einige haben bereits 3.000 Unterschriften gesammelt. Die Bibliothek wurde 1904 eröffnet."
)


def test_a_translated_candidate_is_named_first_among_the_reasons() -> None:
    reasons = compare(FRENCH, ENGLISH, semantic=False).verdict.reasons
    assert reasons[0].startswith("the candidate does not read as English prose (")
    assert "not a translation" in reasons[0]
    assert not any("the source" in reason for reason in reasons[:1])


def test_a_foreign_source_and_two_foreign_texts() -> None:
    assert compare(ENGLISH, FRENCH, semantic=False).verdict.reasons[0].startswith("the source does not read as English prose")
    assert compare(FRENCH, GERMAN, semantic=False).verdict.reasons[0].startswith("neither text reads as English prose")


def test_english_prose_and_short_texts_have_no_caveat() -> None:
    english = compare(ENGLISH, ENGLISH.replace("Tuesday", "Monday"), semantic=False).verdict.reasons
    assert not any("English prose" in reason for reason in english)
    # Under 30 words the share says too little to tell a language by.
    short = compare("Le conseil municipal a voté mardi la fermeture de la bibliothèque.", ENGLISH, semantic=False)
    assert not any("English prose" in reason for reason in short.verdict.reasons)


def translation_files(folder: Path) -> tuple[Path, Path]:
    """The French translation and its English source, written as files in ``folder``."""
    candidate, source = folder / "fr.txt", folder / "en.txt"
    candidate.write_text(FRENCH, encoding="utf-8")
    source.write_text(ENGLISH, encoding="utf-8")
    return candidate, source


def test_the_caveat_reaches_the_json_and_the_text_report(tmp_path: Path) -> None:
    candidate, source = translation_files(tmp_path)
    saved = run("compare", "--lexical", "--format", "json", str(candidate), str(source))
    assert saved.returncode == 0, saved.stderr.decode()
    assert json.loads(saved.stdout)["verdict"]["reasons"][0].startswith("the candidate does not read as English prose")
    text = run("compare", "--lexical", "--no-color", str(candidate), str(source)).stdout.decode()
    assert "does not read as English prose" in text

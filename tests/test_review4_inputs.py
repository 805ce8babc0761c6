"""Inputs found on new pairs (review 4): a recipe's lists, read as the sentences they stand for."""

from __future__ import annotations

from provenance import compare
from provenance.segment import segment

RECIPE = (
    "Banana bread\n\n"
    "Ingredients\n"
    "- 3 ripe bananas\n"
    "- 1 egg, beaten\n"
    "- 1 teaspoon bicarbonate of soda\n"
    "- 190g plain flour\n\n"
    "Method\n"
    "1. Mash the bananas in a large bowl, then stir in the melted butter.\n"
    "2. Fold in the flour until just combined.\n"
)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.kind) for s in segment(text)]


def test_a_lists_items_are_sentences_and_its_titles_headings() -> None:
    assert kinds(RECIPE)[:6] == [
        ("Banana bread", "heading"),
        ("Ingredients", "heading"),
        ("- 3 ripe bananas", "sentence"),
        ("- 1 egg, beaten", "sentence"),
        ("- 1 teaspoon bicarbonate of soda", "sentence"),
        ("- 190g plain flour", "sentence"),
    ]
    # Items apart, with blank lines between them (a loose Markdown list), and other markers.
    assert [kind for _, kind in kinds("Key points\n\n* Rents up 22 percent\n\n* Homes planned\n\nMore text here.\n")] == [
        "heading",
        "sentence",
        "sentence",
        "sentence",
    ]


def test_a_numbered_sections_heading_stays_a_heading() -> None:
    text = "Report\n\n1. Introduction\n\nThe harbour wall was damaged in the storm.\n\n2) Methods\n\nWe counted the boats.\n"
    assert [kind for _, kind in kinds(text)] == ["heading", "heading", "sentence", "heading", "sentence"]
    # One bullet alone heads what follows, as before.
    assert kinds("- Summary\nThe council approved the plan on Monday.\n")[0] == ("- Summary", "heading")


def test_a_number_changed_in_a_copied_list_is_a_changed_fact() -> None:
    report = compare(RECIPE.replace("1 egg", "2 eggs"), RECIPE, semantic=False)
    # Was: the item a heading, its '2' found in the source ('2. Fold'), no finding.
    changed = [(report.source.excerpt(c.source), report.candidate.excerpt(c.candidate)) for c in report.added if c.source]
    assert ("1", "2") in changed
    assert not any(s.label == "heading" and report.candidate.excerpt(s.candidate).startswith("- ") for s in report.sentences)

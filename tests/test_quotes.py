"""Quotations: finding them, and judging a candidate's quotations against a source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance import compare
from provenance.quotations import Quotation, find_quotations
from provenance.quote_check import check_quotations, speaker_of
from provenance.report import QuoteFinding
from provenance.text import AnalysedText

SHARED = Path(__file__).resolve().parents[2] / "shared"


def quoted(text: str) -> list[tuple[str, str]]:
    """(whole quotation, inner words) of every quotation."""
    return [(text[q.start : q.end], text[q.inner_start : q.inner_end]) for q in find_quotations(text)]


def test_straight_and_curly_double_quotes() -> None:
    text = 'He said "we are ready." She said “not yet,” and left.'
    assert quoted(text) == [('"we are ready."', "we are ready"), ("“not yet,”", "not yet")]


def test_guillemets_and_low_quotes() -> None:
    text = "Il a dit « on verra » puis „ja, genau“ und fertig."
    assert quoted(text) == [("« on verra »", "on verra"), ("„ja, genau“", "ja, genau")]


def test_nested_single_quotes_stay_inside() -> None:
    text = "“She told me ‘don’t wait’ and I didn’t,” he said."
    assert quoted(text) == [("“She told me ‘don’t wait’ and I didn’t,”", "She told me ‘don’t wait’ and I didn’t")]


def test_interrupted_quotation_gives_two() -> None:
    text = '"The relationship does really matter," said Clow. "Prime Minister Carney offers a fresh start."'
    assert [inner for _, inner in quoted(text)] == [
        "The relationship does really matter",
        "Prime Minister Carney offers a fresh start",
    ]


def test_multi_sentence_quotation_is_one() -> None:
    text = "“It won’t be for sale. Ever. But the opportunity is there,” Carney said."
    assert len(find_quotations(text)) == 1


def test_apostrophes_and_inch_marks_are_not_quotes() -> None:
    text = "It’s Carney’s plan from the ’90s; a 65\" TV and rock 'n' roll don't count. Trump's view."
    assert find_quotations(text) == []


def test_top_level_single_quotes_and_scare_quotes() -> None:
    text = "The meeting carries ‘significant risks’ and a “great” chance."
    assert [inner for _, inner in quoted(text)] == ["significant risks", "great"]


def test_unbalanced_mark_stops_at_paragraph_end() -> None:
    text = "He said “this never closes.\n\nThe next paragraph has “its own quote” here."
    assert quoted(text) == [("“this never closes.", "this never closes"), ("“its own quote”", "its own quote")]


def test_new_opening_mark_ends_an_unclosed_quotation() -> None:
    text = "“First part, he said. “Second part.”"
    assert [inner for _, inner in quoted(text)] == ["First part, he said", "Second part"]


def test_offsets_round_trip() -> None:
    text = "Ünïcode “naïve café” test"
    (q,) = find_quotations(text)
    assert q == Quotation(8, 20, 9, 19)
    words = AnalysedText(text).words
    assert [text[s:e] for s, e, _ in words] == ["Ünïcode", "naïve", "café", "test"]
    # Forms are the core's: accents folded, so a quotation typed without them still matches.
    assert [w[2] for w in words] == ["unicode", "naive", "cafe", "test"]


def classify_quotations(candidate: str, source: str) -> list[QuoteFinding]:
    return check_quotations(AnalysedText(candidate), AnalysedText(source))


SOURCE = (
    "Brian Clow said there was no chance of the tariffs being lifted on Tuesday.\n\n"
    '"This is going to be the beginning of a process and further engagements that hopefully lead to '
    'tariffs being lifted...that conversation needs to start," he said.\n\n'
    "Carney described him as one of the world's best negotiators. \"Do not expect white smoke out of that "
    'meeting," Carney said. Lutnick said a deal was going to be complex.'
)


def classify(candidate: str) -> list[tuple[str, str, str | None]]:
    return [
        (candidate[f.candidate[0] : f.candidate[1]], f.status, SOURCE[f.source[0] : f.source[1]] if f.source else None)
        for f in classify_quotations(candidate, SOURCE)
    ]


def test_exact_with_typography_and_ellipsis() -> None:
    candidate = "“Do not expect white smoke …,” he said, and “hopefully lead to tariffs being lifted.”"
    assert [status for _, status, _ in classify(candidate)] == ["exact", "exact"]
    (first, second) = classify(candidate)
    assert first[2] == '"Do not expect white smoke out of that meeting,"'
    assert second[2].startswith('"This is going to be')


def test_ellipsis_does_not_excuse_changed_order() -> None:
    (finding,) = classify("“meeting … white smoke”")
    assert finding[1] != "exact"


def test_altered_reports_word_diff() -> None:
    candidate = "“This is the start of a process and future interactions that hopefully result in tariffs being lifted.”"
    (finding,) = classify_quotations(candidate, SOURCE)
    assert finding.status == "altered"
    assert SOURCE[finding.source[0] : finding.source[1]].startswith('"This is going to be')
    swaps = {(d.source, d.candidate) for d in finding.diff if d.op == "replace"}
    assert ("beginning", "start") in swaps and ("lead to", "result in") in swaps
    assert "words changed" in finding.reason and "'start' for 'beginning'" in finding.reason


def test_quotation_half_kept_half_rewritten_is_altered() -> None:
    source = 'Mayor Linda Ortiz spoke to reporters. "Safety has to come first, even when it is inconvenient," she said.'
    (kept,) = classify_quotations('"Safety has to come first, whatever the cost to businesses," she said.', source)
    assert kept.status == "altered"
    assert ("even when it is inconvenient", "whatever the cost to businesses") in {(d.source, d.candidate) for d in kept.diff}
    # Four words in common are not the source's quotation.
    (other,) = classify_quotations('"Safety has to come before profit for every business," she said.', source)
    assert other.status == "unsourced"


def test_partial_quotation_after_a_few_words_has_its_speaker() -> None:
    source = 'Superintendent Maria Chen said the plan "protects every classroom teacher." Tom Reyes voted no.'
    (swapped,) = classify_quotations('Board member Tom Reyes said the plan "protects every classroom teacher."', source)
    assert swapped.status == "altered"
    assert "attributed to Tom Reyes" in swapped.reason and "Maria Chen" in swapped.reason
    # A capitalised word between verb and quotation may be its speaker: no speaker is read.
    (other,) = classify_quotations('Tom Reyes said Chen called the plan "protects every classroom teacher."', source)
    assert other.status == "exact"


def test_fabricated_points_at_indirect_speech() -> None:
    candidate = "“Trump is one of the world’s best negotiators,” he said. It was “complex.”"
    found = classify(candidate)
    assert [status for _, status, _ in found] == ["fabricated", "fabricated"]
    assert "one of the world's best negotiators" in found[0][2]
    assert found[1][2] == "complex"


def test_quoting_the_source_s_own_words_is_no_fabrication() -> None:
    # The source's narrative, which puts the words in no one's mouth, quoted by a text that names
    # no speaker for them: it quotes the source (a student citing an encyclopedia).
    source = (
        "Gutenberg's press changed Europe. A single press could produce up to 3,600 pages per workday, "
        "compared to forty by hand-printing. Printed books became cheaper."
    )
    cited = 'As one encyclopedia puts it, "a single press could produce up to 3,600 pages per workday."'
    (finding,) = classify_quotations(cited, source)
    assert (finding.status, finding.reason) == ("exact", "the source's own words, which it attributes to no one")
    changed = classify_quotations(cited.replace("could produce", "could print"), source)
    assert [f.status for f in changed] == ["altered"]
    # Quoted as the words of a document, they are the source's too; put in someone's mouth, fabricated.
    words = '"a single press could produce up to 3,600 pages per workday."'
    for cited in (f"As the encyclopedia states, {words}", f"According to the article, {words}"):
        assert [f.status for f in classify_quotations(cited, source)] == ["exact"], cited
    for said in ("the historian said", "he said", "Okafor said"):
        found = classify_quotations(f'{words[:-2].capitalize()}",' + f" {said}.", source)
        assert [f.status for f in found] == ["fabricated"], said


def test_a_quotation_of_the_source_is_no_phrase_of_prose_in_common() -> None:
    from provenance import compare
    from provenance.render.headline import headline

    source = (
        "The printing press spread across Europe within fifty years. A single Renaissance press could produce up "
        "to 3,600 pages per workday, compared to forty by hand-printing and a few by hand-copying. Books became cheaper."
    )
    essay = (
        'Schools changed when books became affordable. As one encyclopedia puts it, "a single Renaissance press could '
        'produce up to 3,600 pages per workday, compared to forty by hand-printing and a few by hand-copying." '
        "Teachers no longer had to dictate every lesson, and pupils could read at home."
    )
    report = compare(essay, source, semantic=False)
    assert report.verdict.relation == "independent"
    assert headline(report).endswith("1 quotation in common, too little copied prose to be derived")


def test_unsourced_and_function_word_quotes() -> None:
    candidate = "He said “No.” Then: “We will rebuild the northern pipeline by spring,” and “the way it is.”"
    assert [status for _, status, _ in classify(candidate)] == ["unsourced", "unsourced", "unsourced"]


def test_source_quotation_span_includes_marks() -> None:
    (finding,) = classify_quotations("“white smoke”", SOURCE)
    start, end = finding.source  # type: ignore[misc]
    assert SOURCE[start] == '"' and SOURCE[end - 1] == '"'


@pytest.mark.shared
def test_quotation_interrupted_by_attribution_in_the_source_is_one_utterance() -> None:
    source = 'The mayor spoke on Monday. "We will rebuild the bridge," the mayor said. "It will take two years."'
    joined = '"We will rebuild the bridge. It will take two years," she told residents.'
    (finding,) = classify_quotations(joined, source)
    assert finding.status == "exact"
    assert source[finding.source[0] : finding.source[1]].startswith('"We will rebuild')
    assert source[finding.source[0] : finding.source[1]].endswith('two years."')

    changed = '"We will rebuild the bridge. It will take three years," she told residents.'
    (finding,) = classify_quotations(changed, source)
    assert finding.status == "altered"
    assert [(d.source, d.candidate) for d in finding.diff if d.op != "equal"] == [("two", "three")]


def test_quotations_of_separate_paragraphs_are_not_joined() -> None:
    source = '"We will rebuild the bridge," the mayor said.\n\n"It will take two years," an engineer added.'
    joined = '"We will rebuild the bridge. It will take two years," she said.'
    (finding,) = classify_quotations(joined, source)
    assert finding.status != "exact"


def test_dev_seed_quotes() -> None:
    gold_path = SHARED / "eval" / "seed_gold_dev.json"
    if not gold_path.exists():
        pytest.skip(f"{gold_path} is absent")
    case = json.loads(gold_path.read_text(encoding="utf-8"))[0]
    candidate = (SHARED / "seeds" / case["candidate"]).read_text(encoding="utf-8")
    source = (SHARED / "seeds" / case["source"]).read_text(encoding="utf-8")
    findings = {f.candidate: f for f in classify_quotations(candidate, source)}
    for gold in case["quotes"]:
        span = tuple(gold["cand_span"])
        assert span in findings, f"quotation {gold['text']!r} not found"
        finding = findings[span]
        assert finding.status == gold["status"], (gold["text"], finding.status, finding.reason)
        assert finding.source is not None
        if gold["status"] == "fabricated":
            # The gold span is loose ("said there was…"); the match must sit inside it.
            g_start, g_end = gold["src_span"]
            assert g_start <= finding.source[0] < finding.source[1] <= g_end
        else:
            assert list(finding.source) == gold["src_span"]
        if gold["status"] == "altered":
            assert any(d.op != "equal" for d in finding.diff)


# --- Attribution to a named speaker ----------------------------------------------------------------

SPEAKERS = (
    'The council met on Monday. "We cannot keep the pool open all winter," said Jane Smith, the treasurer. '
    "The mayor, Tom Brook, said the town would look for other money. Residents asked for a vote in May."
)


def finding(candidate: str, source: str = SPEAKERS) -> QuoteFinding:
    [found] = check_quotations(AnalysedText(candidate), AnalysedText(source))
    return found


def test_same_words_from_another_named_speaker_are_altered() -> None:
    moved = finding('"We cannot keep the pool open all winter," Tom Brook said on Monday.')
    assert moved.status == "altered"
    assert moved.reason.startswith("attributed to Tom Brook, but the source has these words from Jane Smith")
    # Her words, with her name (in either place, with or without a title): nothing to flag.
    assert finding('Treasurer Jane Smith said: "We cannot keep the pool open all winter."').status == "exact"
    assert finding('"We cannot keep the pool open all winter," Smith said.').status == "exact"
    # No name beside the quotation, or a pronoun: the attribution is not checked.
    assert finding('"We cannot keep the pool open all winter," she said.').status == "exact"


def test_fabricated_and_unsourced_quotations_name_their_speaker() -> None:
    made = finding('"The town will look for other money," said Tom Brook.')
    assert made.status == "fabricated"
    assert made.reason.startswith("attributed to Tom Brook, but the source has")
    unnamed = finding('"Nobody asked the swimmers," said Anna Wolf, who runs the swimming club.')
    assert unnamed.status == "unsourced"
    assert unnamed.reason.startswith("attributed to Anna Wolf, but the source never names Anna Wolf")
    named = finding('Jane Smith said: "The pool was never safe."')
    assert named.status == "unsourced"
    assert named.reason.startswith("attributed to Jane Smith, but the source quotes nothing like it from Jane Smith")


def test_a_speaker_described_between_commas_or_named_before_a_pronoun_is_checked() -> None:
    source = (
        "Chief executive Maria Okafor said the survey would take a year. "
        '"We accept that the first assessment was too narrow," she said. '
        "Its secretary, Tom Brennan, said members were relieved."
    )
    moved = finding(
        'Tom Brennan, the association\'s secretary, said: "We accept that the first assessment was too narrow."', source
    )
    assert moved.status == "altered"
    assert moved.reason.startswith("attributed to Tom Brennan, but the source has these words from Maria Okafor")
    kept = finding('Maria Okafor, the chief executive, said: "We accept that the first assessment was too narrow."', source)
    assert kept.status == "exact"
    # Someone else named in a later sentence may be whom the pronoun means: nothing is claimed.
    unclear = source.replace("a year. ", "a year. The survey will be led by Ruth Hale. ")
    assert finding('Tom Brennan said: "We accept that the first assessment was too narrow."', unclear).status == "exact"


def test_a_new_sentence_after_a_quotation_is_not_its_attribution() -> None:
    found = finding('"We cannot keep the pool open all winter." Tom Brook said the town would look for money.')
    assert found.status == "exact"


@pytest.mark.parametrize(
    ("source", "candidate"),
    [
        # the denial just before the quoted words, and one an ellipsis skips
        ('"We cannot say that coffee protects the liver," said Dr Berg.', '"Coffee protects the liver," said Dr Berg.'),
        ('"I do not, under any circumstances, support the plan," she said.', '"I do ... support the plan," she said.'),
    ],
)
def test_a_part_of_a_quotation_that_leaves_out_its_denial_is_altered(source: str, candidate: str) -> None:
    [finding] = classify_quotations(candidate, source)
    assert finding.status == "altered"
    assert "reverses the quoted words" in finding.reason
    assert any(step.op == "delete" for step in finding.diff)


@pytest.mark.parametrize(
    "source",
    [
        '"Drinking coffee protects the liver, we found," said Dr Berg.',
        # a denial in the sentence before does not bear on the quoted words
        '"It is not over. Coffee protects the liver," said Dr Berg.',
    ],
)
def test_a_part_of_a_quotation_is_exact_when_nothing_denied_is_left_out(source: str) -> None:
    [finding] = classify_quotations('"Coffee protects the liver," said Dr Berg.', source)
    assert finding.status == "exact"


def test_an_altered_quotation_shows_the_rest_of_the_sentence_it_breaks_off() -> None:
    source = '"We hope to begin production in late 2027, subject to planning approval. It is a big day," said Ann Lee.'
    [finding] = classify_quotations('"We will begin production in late 2027," said Ann Lee.', source)
    assert finding.status == "altered"
    assert finding.diff[-1].op == "delete" and finding.diff[-1].source == "subject to planning approval"
    assert "'subject to planning approval'" in finding.reason


def test_a_spliced_quotation_shows_the_words_it_leaves_out() -> None:
    source = '"This scheme will not remove every risk, but it will give families far better protection," she said.'
    [finding] = classify_quotations('"This scheme will give families far better protection," she said.', source)
    assert finding.status == "altered"
    assert [(d.op, d.source) for d in finding.diff][:2] == [
        ("equal", "This scheme"),
        ("delete", "will not remove every risk, but it"),
    ]


REPORTED_SOURCE = (
    "City beat Rovers 3-1 on Saturday after trailing at half-time. Marco Bellini scored twice in the second half, "
    "and the winger set up the third goal for the captain in the closing minutes.\n\n"
    "A crowd of 11,482 watched the match, the club's highest attendance this season. City manager Paul Henshaw said "
    "afterwards that his players had shown character in the second half and that Bellini had changed the game."
)


def test_reported_speech_made_a_quotation_in_a_copy_is_fabricated() -> None:
    from provenance import compare

    candidate = REPORTED_SOURCE.replace(
        "City manager Paul Henshaw said afterwards that his players had shown character in the second half and that "
        "Bellini had changed the game.",
        '"The lads showed real character and Marco turned the game for us," City manager Paul Henshaw said afterwards.',
    )
    [quote] = compare(candidate, REPORTED_SOURCE, semantic=False).quotes
    assert quote.status == "fabricated"
    assert quote.reason.startswith("attributed to Paul Henshaw, whose words the source only reports, without quotation marks")
    # An independent report may quote what the source only reports: not derived, it is unsourced.
    independent = (
        "Rovers fans left early as the rain came down over the ground in the last quarter of an hour. "
        '"The lads showed real character and Marco turned the game for us," Paul Henshaw said after the final whistle.'
    )
    [quote] = compare(independent, REPORTED_SOURCE, semantic=False).quotes
    assert quote.status == "unsourced"
    assert "not quoted in the source, which only reports their words" in quote.reason


def test_speech_the_source_reports_of_anyone_made_a_quotation_is_fabricated() -> None:
    from provenance import compare

    source = (
        "The cause of the fire is being investigated. Okafor declined to speculate on how it started but said "
        "investigators would look at the plant's baling machinery, where a smaller fire was reported in 2022."
    )
    candidate = (
        "The cause of the fire is being investigated. \u201cWe will be looking very closely at the baling machinery,\u201d "
        "Okafor said, noting that a smaller fire was reported in 2022."
    )
    [quote] = compare(candidate, source, semantic=False).quotes
    assert quote.status == "fabricated"
    assert quote.reason.startswith("attributed to Okafor, but the source only reports these words, without quotation marks")
    assert quote.source is not None and source[slice(*quote.source)].startswith("said investigators would look")
    # A quotation sharing a word or two with some reported speech is no such thing.
    other = candidate.replace("We will be looking very closely at the baling machinery", "Nobody was hurt, thank God")
    assert [q.status for q in compare(other, source, semantic=False).quotes] == ["unsourced"]
    # An independent report may quote what the source only reports: unsourced.
    independent = "Residents stayed indoors. \u201cWe will be looking very closely at the baling machinery,\u201d Okafor said."
    [quote] = compare(independent, source, semantic=False).quotes
    assert quote.status == "unsourced"
    assert "not quoted in the source, which only reports these words" in quote.reason


def test_source_words_quoted_as_a_document_s_are_the_source_quoted() -> None:
    source = (
        "Historians have long argued that print gave the reform movement a speed and reach that earlier dissenters never had."
    )
    cited = 'As one account puts it, "print gave the reform movement a speed and reach that earlier dissenters never had."'
    found = finding(cited, source)
    assert found.status == "exact"
    assert found.reason.startswith("the source's own words")
    # The same words put in a person's mouth are made up.
    assert finding(cited.replace("As one account puts it,", "Professor Hale said:"), source).status == "fabricated"


def test_the_words_of_a_first_person_source_quoted_are_its_speakers_not_fabricated() -> None:
    source = (
        "Transcript: Mayor Diane Okoro, State of the City address\n\n"
        "When I took office two years ago, I promised that we would fix our roads. We have resurfaced 180 miles "
        "of road since then, more than any administration in the last twenty years. I will not raise property "
        "taxes to pay for this plan. Too many families are being pushed out of the neighbourhoods they grew up in."
    )
    candidate = (
        'Mayor Diane Okoro said: "I will not raise property taxes to pay for this plan." She said "too many families '
        'are being pushed out of the neighbourhoods they grew up in" and that "we have resurfaced 180 miles of road, '
        'more than any administration in the last thirty years."'
    )
    findings = compare(candidate, source, semantic=False).quotes
    assert [f.status for f in findings] == ["exact", "exact", "altered"]
    assert "'thirty' for 'twenty'" in findings[2].reason
    # A report in the third person is no one's own words: its words quoted are reported speech made a quote.
    report = "The mayor said she would not raise property taxes to pay for the plan."
    [finding] = compare('The mayor said: "I would not raise property taxes to pay for the plan."', report, semantic=False).quotes
    assert finding.status == "fabricated"


def test_a_partial_quotation_given_to_the_other_speaker_after_it() -> None:
    source = (
        'Sentencing her, Judge Robert Hale said: "You betrayed the trust of the most vulnerable people." '
        'Detective Constable Amy Price said the victims\' families had shown "enormous courage" in coming forward.'
    )
    candidate = 'The victims\' families had shown "enormous courage", Judge Robert Hale said.'
    [finding] = compare(candidate, source, semantic=False).quotes
    assert finding.status == "altered"
    assert finding.reason.startswith("attributed to Judge Robert Hale, but the source has these words from")


def test_a_description_before_the_name_after_said_is_no_speaker() -> None:
    for text, name in (
        ('"We were poor in the first half," said Rovers manager Steve Kerr.', "Steve Kerr"),
        ('"It was outstanding," said Labour leader Keir Starmer.', "Keir Starmer"),
        ('"Fine," said Apple chief executive Tim Cook.', "Tim Cook"),
        ('"Fine," said Steve Kerr on Tuesday.', "Steve Kerr"),  # a function word starts no name
        ('"Fine," said Jane Smith and John Doe.', "Jane Smith"),
    ):
        assert speaker_of(text, (0, text.index('"', 1) + 1)) == name
    source = '"We weren\'t at our best in the first half, but the response was outstanding," said Rovers manager Steve Kerr.'
    candidate = '"We weren\'t at our best in the first half, but the response was outstanding," Rovers manager Steve Kerr said.'
    assert [q.status for q in compare(candidate, source, semantic=False).quotes] == ["exact"]


def test_reported_speech_quoted_after_a_named_speaker_without_a_title_is_fabricated() -> None:
    source = (
        "Cllr Olusanya said residents lose an estimated 40 million litres a day through leaking pipes, and that "
        "the company should fix its own leaks before restricting customers."
    )
    candidate = (
        "Olusanya said 40 million litres a day were lost through leaking pipes and that the company "
        '"should fix its own leaks before restricting customers".'
    )
    assert [q.status for q in compare(candidate, source, semantic=False).quotes] == ["fabricated"]


def test_a_quotation_of_the_source_s_prose_cut_after_its_denial_or_before_its_condition_is_altered() -> None:
    source = (
        "The consultants' report says the bypass is not expected to reduce congestion in the town centre by more "
        "than 5%. It concludes that the scheme offers poor value for money unless the council also restricts "
        "through traffic."
    )
    for candidate, cut in (
        ('The report says the bypass is "expected to reduce congestion in the town centre".', "'not'"),
        ('The report concludes that "the scheme offers poor value for money".', "condition: 'unless the council"),
    ):
        (finding,) = compare(candidate, source, semantic=False).quotes
        assert finding.status == "altered" and cut in finding.reason, finding
    whole = (
        'The report concludes that "the scheme offers poor value for money unless the council also restricts through traffic".'
    )
    assert [q.status for q in compare(whole, source, semantic=False).quotes] == ["exact"]


def test_a_quotation_running_from_the_source_s_prose_into_its_own_quotation() -> None:
    source = (
        "The first Tacoma Narrows Bridge opened in July 1940. Its deck moved up and down in moderate winds, and "
        'workers nicknamed it "Galloping Gertie". Four months after it opened, it collapsed.'
    )
    nested = "As the article says, \"workers nicknamed it 'Galloping Gertie'\"."
    assert [q.status for q in compare(nested, source, semantic=False).quotes] == ["exact"]
    given = 'The engineer Ann Smith said "workers nicknamed it Galloping Gertie".'
    assert [q.status for q in compare(given, source, semantic=False).quotes] == ["fabricated"]
    # a small word at a quotation's edge is not looked for in the sentence before
    (the_deck,) = compare('As the article says, "the deck moved up and down in moderate winds".', source, semantic=False).quotes
    assert the_deck.reason.endswith("1 word changed: 'the' for 'Its'")


def test_a_replacement_counts_the_longer_side_s_words() -> None:
    source = 'The baker said: "We have not raised the price since 2022, but I don\'t know how long we can hold it."'
    candidate = 'The baker said: "We have not raised the price since 2022, and we never will."'
    (finding,) = compare(candidate, source, semantic=False).quotes
    assert finding.status == "altered" and "1 word changed" not in finding.reason


def test_the_writer_s_words_in_square_brackets_leave_a_quotation_exact() -> None:
    from provenance import compare

    source = (
        'Ms Osei said: "We know that, and we will fund the repairs before the first meal is served. '
        'It is not a luxury; it is the foundation of learning."'
    )
    for candidate in (
        'Ms Osei said: "We know that, and [the government] will fund the repairs before the first meal is served."',
        'Ms Osei said: "[Free meals are] not a luxury; it is the foundation of learning."',
        'Ms Osei said: "It is not a luxury; it is the foundation of learning [for every child]."',
    ):
        [quote] = compare(candidate, source, semantic=False).quotes
        assert quote.status == "exact", candidate
        assert quote.reason.endswith("with the writer's own words in square brackets")
    # A bracket that changes a modal or stands for a content word changes what was said.
    for changed in ("[we may] fund the repairs", "we will [delay] the repairs"):
        candidate = f'Ms Osei said: "We know that, and {changed} before the first meal is served."'
        assert [q.status for q in compare(candidate, source, semantic=False).quotes] == ["altered"], changed


def test_a_quotation_made_from_prose_with_a_word_changed_names_the_change() -> None:
    from provenance import compare

    source = "Dr Hannah Okafor, who led the study, said these findings may be relevant to human cognitive ageing."
    candidate = '"These findings will be relevant to human cognitive ageing," said Dr Hannah Okafor, who led the study.'
    [quote] = compare(candidate, source, semantic=False).quotes
    assert quote.status == "fabricated"
    assert quote.reason.endswith("; 1 word changed: 'will' for 'may'")

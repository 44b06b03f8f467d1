"""generator/analyse/quotes.py and attribution.py, on the real model (they read the parse)."""

from __future__ import annotations

import datetime

import pytest

from tests.analyse.test_real_reporting import analyse_text


@pytest.fixture(scope="module")
def nlp(analyser):
    return analyser.nlp


def quotes(nlp, text):
    return [(q.text, q.speaker, q.actor) for q in nlp(text)._.quotes]


def test_quote_has_speaker_actor_and_verb(nlp):
    doc = nlp('China\'s foreign ministry said it was "not aware of any" troop movements.')
    (q,) = doc._.quotes
    assert (q.text, q.speaker, q.actor, q.verb) == ("not aware of any", "China's foreign ministry", "China", "said")


def test_pronoun_speaker_goes_to_the_person_named_before(nlp):
    got = quotes(nlp, 'Kim Yo Jong issued a statement. She warned of a "horrible disaster for the South."')
    assert got == [("horrible disaster for the South.", "She", "Kim Yo Jong")]


def test_a_city_deep_in_the_speaker_phrase_is_not_the_speaker(nlp):
    (q,) = nlp('"Beijing wants calm above all," said a researcher at a Seoul-based think tank.')._.quotes
    assert q.speaker == "a researcher at a Seoul-based think tank" and q.actor is None


def test_a_quote_over_two_paragraphs_is_one_quote_with_the_speaker_after_it(nlp):
    text = ("“We will not allow instability on the peninsula. We oppose any escalation.\n\n"
            "“Dialogue is the only way forward,” Lin Jian told reporters in Beijing.")
    ((words, _speaker, actor),) = quotes(nlp, text)
    assert words.startswith("We will not allow") and words.endswith("the only way forward,")
    assert actor == "Lin Jian"


def test_straight_quotes_and_a_colon_introduction(nlp):
    text = 'The Kremlin spokesman Dmitry Peskov told reporters: "We have nothing to add to what was said."'
    assert quotes(nlp, text) == [("We have nothing to add to what was said.", "The Kremlin spokesman Dmitry Peskov", "Dmitry Peskov")]


def test_a_role_noun_speaker_is_the_person_named_before(nlp):
    text = ('Foreign ministry spokeswoman Mao Ning spoke on Monday. "The Chinese side is firmly opposed to this," '
            "the spokeswoman added.")
    ((_, speaker, actor),) = quotes(nlp, text)
    assert speaker == "the spokeswoman" and actor == "Mao Ning"


def test_figure_attribution_uses_according_to(nlp):
    doc = nlp("According to anonymous sources familiar with the talks, up to 5,000 troops could move.")
    (fig,) = doc._.figures
    assert fig.attribution == "anonymous sources familiar with the talks" and fig.attribution_actor is None


def test_a_figure_in_a_quote_is_the_speakers(nlp):
    doc = nlp('"About 10,000 soldiers have reached Kursk," Matthew Miller, a State Department spokesman, said.')
    (fig,) = doc._.figures
    assert fig.attribution_actor == "Matthew Miller" and fig.reported


def test_a_figure_the_outlet_states_is_the_outlets(nlp):
    (fig,) = nlp("Russia launched 90 drones overnight.")._.figures
    assert fig.attribution_actor == "outlet" and not fig.reported


def test_a_curly_opening_mark_closed_by_a_guillemet(nlp):
    text = ("The ministry published its statement on Tuesday.\n"
            "“This package is the twentieth tranche of our assistance to the partners», — the statement read.\n"
            "«We stand with our partners», — the ministry said.")
    got = [(q.text.split()[0], q.speaker) for q in nlp(text)._.quotes]
    assert got == [("This", "the statement"), ("We", "the ministry")]


def test_a_quotation_whose_opening_mark_the_outlet_left_out(nlp):
    text = ("Taiwan reports more Chinese aircraft\n"
            '31 PLA aircraft and 9 PLAN vessels around Taiwan were detected by 6 a.m. today," the defence ministry '
            "said in a statement.\n"
            'China, which calls the island a "breakaway province," did not comment.')
    doc = nlp(text)
    assert [(q.text.split()[0], q.speaker) for q in doc._.quotes] == [("31", "the defence ministry")]
    assert {f.text: f.attribution for f in doc._.figures}["31 PLA aircraft"] == "the defence ministry"


def test_a_short_sentence_after_saying_whose_message_it_was(nlp):
    text = ('Moscow warned the West again. "The border is sealed and will stay sealed." That was the message from '
            'Russian President Vladimir Putin on Tuesday.')
    (q,) = nlp(text)._.quotes
    assert q.speaker == "Russian President Vladimir Putin"


def test_words_quoted_in_a_clause_that_a_speaker_says_are_the_speakers(nlp):
    # "X said Ottawa is condemning the “...”": the ambassador's words, not Ottawa's
    got = quotes(nlp, "Norwegian Ambassador Lars Berg said Oslo is condemning the \"reckless and provocative moves\" by Minsk.")
    assert [(speaker, actor) for _, speaker, actor in got] == [("Norwegian Ambassador Lars Berg", "Lars Berg")]


def test_words_quoted_as_what_a_leader_stood_up_to_announce_are_his(nlp):
    got = quotes(nlp, "Prime Minister Anthony Albanese stood beside the visiting delegation on Monday to announce the "
                      "\"largest investment in our navy in a generation\".")
    assert [actor for _, _, actor in got] == ["Anthony Albanese"]


def test_a_states_leader_with_a_descriptor_is_the_office_holder(nlp):
    got = quotes(nlp, "\"There may come a day when staying is no longer worth it,\" Hungary's veteran leader said on Sunday.")
    assert [actor for _, _, actor in got] == ["Viktor Orban"]


def test_an_unnamed_diplomat_said_again_is_his_body_not_a_person_named_before(analyser, tmp_path):
    text = ("---\ntitle: \"EU diplomats doubt Budapest will lift its veto on Russia sanctions\"\n---\n"
            "Hungarian Prime Minister Viktor Orban said on Sunday that Hungary would keep blocking new sanctions on "
            "Russia until its energy exemptions were extended.\n\n"
            "But a senior EU diplomat said on Monday that he believed Budapest would lift its veto on the sanctions "
            "package before the summit.\n\n"
            "'We expect them to sign off on the sanctions, as they always do,' the diplomat said. 'They cannot block "
            "it for ever.'\n")
    out = analyse_text(analyser, tmp_path, text, name="veto.md")
    assert [q.actor for q in out.quotes] == ["European Union", "European Union"]


def test_the_official_titled_with_a_body_of_the_state_is_that_person(analyser, tmp_path):
    text = ("---\ntitle: \"Manila to press ASEAN on sea code\"\n---\n"
            "\"The President will raise this with the other leaders,\" Department of Foreign Affairs Assistant "
            "Secretary Ramon Villareal said at a briefing on Thursday, as the Philippines prepares for the ASEAN "
            "summit amid tensions with China in the South China Sea.\n\n"
            "\"We hope to conclude it within two years,\" the DFA official said.\n")
    out = analyse_text(analyser, tmp_path, text, name="dfa.md")
    assert [q.actor for q in out.quotes] == ["Ramon Villareal", "Ramon Villareal"]


def test_the_military_command_is_the_military_named_before(analyser, tmp_path):
    text = ("---\ntitle: \"US imposes sanctions on drone suppliers as it downs drones fired at destroyer\"\n---\n"
            "American forces shot down two drones fired toward a destroyer in the Red Sea on Tuesday, the US military "
            "said.\n\n"
            "Washington has imposed new sanctions on the firms that supply drones to the Houthis, who have "
            "been attacking shipping in the Red Sea for months.\n\n"
            "\"Coalition forces intercepted two one-way attack drones launched from Houthi areas of Yemen,\" the "
            "military command said in a statement.\n")
    out = analyse_text(analyser, tmp_path, text, name="drones.md")
    assert [q.actor for q in out.quotes] == ["United States"]


def test_a_days_call_is_when_not_whose(nlp):
    got = quotes(nlp, "Turkish President Recep Tayyip Erdoğan invited Trump to visit and said yesterday's call with \"my dear friend President Trump "
                      "was frank, warm and very useful.\"")
    assert [actor for _, _, actor in got] == ["Recep Tayyip Erdogan"]


def test_a_name_after_a_framing_phrase_that_the_parser_hung_elsewhere_speaks(nlp):
    got = quotes(nlp, "Later, during a news conference with his Omani counterpart Badr Al-Busaidi, Al-Mansouri said his "
                      "trip to Riyadh would come in the \"second week of the new year.\"")
    assert [speaker for _, speaker, _ in got] == ["Al-Mansouri"]


def test_a_new_bodys_name_in_quotation_marks_is_no_quotation(nlp):
    """"forming a “defence delivery agency” that reports to ministers": a name, in lower case."""
    text = ('Australia will reorganise its bureaucracy, forming a "defence delivery agency" that reports directly '
            'to ministers. He called for a "complete and verifiable denuclearisation" of the peninsula.')
    assert [q.text for q in nlp(text)._.quotes] == ["complete and verifiable denuclearisation"]


def test_terms_quoted_in_a_list_and_a_title_with_upon_are_no_quotations(nlp):
    text = ('The ROK is talking about "denuclearization", "peace and stability" as it has brought a crisis. A '
            'spokesperson issued the following press statement "Hostile Acts of Infringing upon Our Sovereignty Will '
            'Never Be Tolerated": "We will never accept this," he said.')
    assert [q.text for q in nlp(text)._.quotes] == ["We will never accept this,"]


def test_a_body_of_no_state_is_the_state_the_article_names_it_of_elsewhere(nlp):
    """"a national task force said", and further on "the Philippine task force said": the
    Philippines', not China's (the state named last before it)."""
    doc = nlp("Chinese coast guard vessels “harassed” the boats and “executed dangerous maneuvers” at close range, "
              "a national task force said in a statement.\n\nThe boat was towed back to port, the Philippine task "
              "force said.")
    assert [(q.text, q.actor) for q in doc._.quotes] == [("executed dangerous maneuvers", "Philippines")]


def test_a_phrase_quoted_in_the_sentence_after_a_report_is_the_reporters_words(nlp):
    """"Albanese said the deal marked a new chapter. The three had begun a friendship built “on
    our shared values ...”": his words; a new paragraph, or a sentence with a verb of its own
    voicing the words, does not take them."""
    doc = nlp("Prime Minister Anthony Albanese said the deal marked a new chapter between the three nations. The "
              "three had begun a friendship built “on our shared values and a common future”.\n\nThe submarines "
              "will be built in “a new era of industrial cooperation”.")
    assert [q.actor for q in doc._.quotes] == ["Anthony Albanese", None]


def test_a_speaker_who_likens_voices_the_words(nlp):
    doc = nlp("Italian Prime Minister Giorgia Meloni opened the summit at a resort in the south.\n\nShe likened the "
              "group to the old olive trees that are a symbol of the region, “with their solid roots and branches "
              "reaching toward the future”.")
    assert [q.actor for q in doc._.quotes] == ["Giorgia Meloni"]


def test_an_outlet_reporting_someones_words_relays_them(nlp):
    """"“...,” Xinhua news agency wrote, reporting the minister’s words": the minister's (Wang Yi,
    named before); "..., the agency wrote, quoting Foreign Minister Wang Yi": his too."""
    doc = nlp("China's position was set out by Chinese Foreign Minister Wang Yi. “China favors promoting peace talks "
              "and will never stop its efforts,” Xinhua news agency wrote, reporting the minister’s words at a press "
              "meeting.\n\n“We support every initiative for peace,” the agency wrote, quoting Foreign Minister Wang Yi.")
    assert [q.actor for q in doc._.quotes] == ["Wang Yi", "Wang Yi"]


def test_it_in_a_trailing_tag_is_the_body_the_sentence_opens_with(nlp):
    """"Sudan’s Armed Forces “aborted the attack” ... in the failed RSF assault, it said": the army
    that opens the sentence, not the last body named before the tag; "“...,” it said" alone stays
    the last body named."""
    doc = nlp("The Rapid Support Forces attacked the city on Friday.\n\nThe Sudanese Armed Forces “aborted the "
              "attack and inflicted huge losses” in the failed RSF assault, it said in a statement.")
    assert [q.actor for q in doc._.quotes] == ["Sudan"]  # the army is a part of its state


def test_the_last_words_of_a_name_the_model_found_are_that_name(nlp):
    """"Badr Al Asaker ... Al Asaker wrote": the same person named shorter."""
    doc = nlp("Director of the Private Office of the Crown Prince, Badr Al Asaker, shared a picture of the three. "
              "“A friendly and brotherly meeting brings together the leaders,” Al Asaker wrote on Twitter.")
    assert [q.actor for q in doc._.quotes] == ["Badr Al Asaker"]


def test_he_inside_what_a_teller_told_is_the_teller(nlp):
    """"a Palestinian official told Reuters that he anticipated “...”": the official's words, not
    those of the president named before."""
    doc = nlp("Egyptian President Abdel Fattah el-Sisi said the proposal would move things forward. However, a "
              "Jordanian official told Reuters that he anticipated “the talks would resume within days”.")
    assert [q.actor for q in doc._.quotes] == ["Jordan"]


def test_its_foreign_minister_is_the_office_of_the_subjects_state(nlp):
    """"Iran’s Supreme Leader Ali Khamenei said Israel “...”, while its foreign minister called the
    strikes a “declaration of war”": Iran's foreign minister on that day (Israel is named between),
    not Khamenei, who tells nothing of his."""
    doc = nlp.make_doc("Iran’s Supreme Leader Ayatollah Ali Khamenei said Israel “should anticipate a severe "
                       "punishment”, while its foreign minister called the strikes a “declaration of war”.")
    doc._.article_date = datetime.date(2025, 6, 19)
    doc = nlp(doc)
    assert [q.actor for q in doc._.quotes] == ["Ali Khamenei", "Abbas Araghchi"]

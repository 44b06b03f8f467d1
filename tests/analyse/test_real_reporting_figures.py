"""Figures as real reporting writes them (issue 15), on the real model: what is counted, the
qualifier, who the figure comes from and how certain its sentence is.

The sentences are invented; each test names the construction it guards. Constructions were
found by reading published news (air-force tallies, defence-ministry counts, trade data,
intelligence briefings, aid packages, sanctions packages, press-conference transcripts).
"""

from __future__ import annotations

import pytest

from tests.analyse.test_real_reporting import analyse_text


@pytest.fixture(scope="module")
def nlp(analyser):
    return analyser.nlp


def found(nlp, text):
    """{figure text: (value, upper, unit)} of what the analysis finds."""
    return {f.text: (f.value, f.upper, f.unit) for f in nlp(text)._.figures}


def sourced(nlp, text):
    """{figure text: (actor it is attributed to, reported, hedged)}."""
    return {f.text: (f.attribution_actor, f.reported, f.hedged) for f in nlp(text)._.figures}


# ------------------------------------------------------------------ what is counted
def test_a_change_from_one_level_to_another_is_two_figures_not_a_range(nlp):
    got = found(nlp, "Imports slipped by 1.2 percent to $41.7 billion, and the deficit widened from 3.1% to 4.6%.")
    assert got["1.2 percent"] == (1.2, None, "percent")
    assert got["$41.7 billion"] == (41.7e9, None, "USD")
    assert got["3.1%"] == (3.1, None, "percent") and got["4.6%"] == (4.6, None, "percent")


def test_from_x_to_y_without_a_verb_of_change_stays_a_range(nlp):
    got = found(nlp, "Brussels set duties ranging from 9 percent to 31 percent, with levies from 4 to 18 percent.")
    assert got["9 percent to 31 percent"] == (9, 31, "percent")
    assert got["4 to 18 percent"] == (4, 18, "percent")


def test_a_bare_first_level_of_a_change_takes_the_second_ones_unit(nlp):
    got = found(nlp, "The jobless rate climbed from 6 to 8 percent last year.")
    assert got["6"] == (6, None, "percent") and got["8 percent"] == (8, None, "percent")


def test_digits_joined_to_a_scale_by_a_hyphen(nlp):
    got = found(nlp, "Pyongyang has sent some 12-thousand soldiers, and about 31-hundred were hurt, the agency said.")
    assert got["some 12-thousand soldiers"][0] == 12000


def test_a_calibre_between_the_count_and_the_noun(nlp):
    got = found(nlp, "The package holds 30 105mm howitzers and 40 120 mm mortar systems.")
    assert got["30 105mm howitzers"] == (30, None, "howitzers")
    assert got["40 120 mm mortar systems"] == (40, None, "systems")


def test_the_end_of_a_span_of_years_is_no_figure(nlp):
    got = found(nlp, "The ministry expects to spend 2.6 per cent in the 2025-26 budget year.")
    assert list(got) == ["2.6 per cent"]


def test_a_part_of_a_possessed_whole_counts_what_the_whole_counts(nlp):
    got = found(nlp, "Only 9 of the bloc's 27 governments backed the plan.")
    assert got["9"] == (9, None, "governments") and got["27 governments"] == (27, None, "governments")


def test_a_capitalised_number_word_inside_a_name_is_no_figure(nlp):
    got = found(nlp, "Envoys will attend the ASEAN Plus Three Finance Ministers' Meeting in Jakarta next week.")
    assert got == {}


def test_mil_and_mln_are_millions(nlp):
    got = found(nlp, "Washington cleared a $240 mil. radar deal and a $75 mln training contract.")
    assert got["$240 mil"][0] == 240e6 and got["$75 mln"][0] == 75e6



def test_n_of_which_counts_what_was_counted_before(nlp):
    got = found(nlp, "The army fired 44 guided rockets at the port, 39 of which were intercepted.")
    assert got["39 of which"] == (39, None, "rockets")


def test_a_list_that_leaves_the_unit_out_after_its_first_item(nlp):
    got = found(nlp, "The ministry said 19 drones were downed over the Tula region, 12 over the Kaluga region "
                     "and 5 over the Oryol region.")
    assert got["12"] == (12, None, "drones") and got["5"] == (5, None, "drones")


def test_over_after_a_passive_verb_is_where_not_more_than(nlp):
    (f,) = nlp("The drones were destroyed over nine Ukrainian regions, the air force said.")._.figures
    assert (f.value, f.unit, f.qualifier) == (9, "regions", None)


def test_over_a_single_span_of_time_is_more_than(nlp):
    got = {f.text: f.qualifier for f in nlp("The launch was the first in over a decade; the rocket flew over an "
                                            "hour. The talks ran over three days.")._.figures}
    assert got["over a decade"] == "over" and got["over an hour"] == "over"
    assert got["three days"] is None  # "over three days": during them


def test_an_hour_and_a_half_and_a_range_of_minutes_are_durations(nlp):
    got = found(nlp, "The call was planned for 20-25 minutes but went on for an hour and a half.")
    assert got["20-25 minutes"] == (20, 25, "minutes")
    assert got["an hour and a half"] == (1.5, None, "hour")


def test_a_bare_number_counted_by_its_casualty_verb_or_its_number_of(nlp):
    got = found(nlp, "Officials said 14 soldiers were killed while 230 were wounded. The number of evacuees "
                     "sheltering in schools reached 4,600 by nightfall.")
    assert got["230"] == (230, None, "wounded")
    assert got["4,600"] == (4600, None, "evacuees")


def test_a_toll_nearing_a_number_counts_deaths(nlp):
    assert found(nlp, "The death toll from the floods is nearing 1,300, officials said.")["1,300"][2] == "deaths"


def test_adjectives_joined_by_commas_before_the_counted_noun(nlp):
    got = found(nlp, "The navy will buy hundreds of aerial, surface and underwater drones.")
    assert got["hundreds of aerial, surface and underwater drones"] == (None, None, "drones")


def test_a_decimal_written_out_in_words(nlp):
    got = found(nlp, "The poll found that 64-point-two percent backed the plan, while Thirty-one-point-five "
                     "percent opposed it, with a margin of error of plus or minus two-point-eight percentage points.")
    assert got["64-point-two percent"][0] == 64.2
    assert got["Thirty-one-point-five percent"][0] == 31.5
    assert got["two-point-eight percentage points"][0] == 2.8


def test_the_number_of_things_is_up_to_a_number(nlp):
    got = found(nlp, "Officials said the number of reservists on standby is up to 6,200 this week.")
    assert got["up to 6,200"] == (6200, None, "reservists")


def test_one_person_counts(nlp):
    got = found(nlp, "The shelling killed one civilian and damaged 14 houses. One resident was hurt.")
    assert got["one civilian"] == (1, None, "civilian") and got["One resident"] == (1, None, "resident")
    assert "one thing" not in found(nlp, "The minister said one thing and did another.")


def test_a_unit_joined_to_another_by_a_hyphen_is_the_second(nlp):
    assert found(nlp, "The project took some 40,000 person-hours.")["some 40,000 person-hours"][2] == "hours"


def test_twice_a_level_is_a_multiple_speaking_twice_is_not(nlp):
    got = found(nlp, "State media said output reached nearly twice the level of last year. We will not ask twice.")
    assert got == {"nearly twice": (2, None, "times")}

# ------------------------------------------------------------------ who the figure comes from
def test_a_short_transcripts_later_paragraphs_are_the_answerers(nlp):
    text = ("Xinhua: The customs figures for May came out this morning. What is your comment?\n\n"
            "Lin Jian: We have noted the figures. Trade with our neighbours keeps growing.\n\n"
            "In the first five months, exports to the region rose by 6.2 percent.")
    assert sourced(nlp, text)["6.2 percent"] == ("Lin Jian", True, False)


def test_it_is_important_to_note_is_the_outlets_own_aside(nlp):
    got = sourced(nlp, "It is important to note that within the new package, $2.1 billion comes from existing stocks.")
    assert got["$2.1 billion"] == ("outlet", False, False)


def test_a_closing_reporting_clause_the_parser_cut_off_after_a_comma(nlp):
    text = ("KYIV: The toll from the strike on the market has risen to at least 19, with six still missing, "
            "Ukraine's emergency service said on Friday.")
    doc = nlp.make_doc(text)
    doc[[t.i for t in doc if t.text == ","][1]].is_sent_start = True  # where the parser cut a real report
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert doc[-3].sent.start > doc[-10].sent.start, "the sentence must stand cut for this test"
    (figure,) = doc._.figures
    assert (figure.text, figure.attribution_actor, figure.reported) == ("at least 19", "Ukraine", True)


def test_a_headline_credit_after_a_colon(nlp):
    text = "Russia fired 52 drones and four missiles overnight: Ukraine\n\nAir raid alerts sounded in the capital."
    assert sourced(nlp, text)["52 drones"] == ("Ukraine", True, False)


def test_a_headline_label_may_hold_of(nlp):
    text = ("Joint Chiefs of Staff: North Korea fired two missiles 400 km into the sea\n\n"
            "Seoul condemned the launch.")
    assert sourced(nlp, text)["two missiles"][0] == "South Korea"


def test_a_disaster_that_claimed_lives_states_nothing(nlp):
    got = sourced(nlp, "The Philippines braced for more rain. Typhoon Kiko has claimed at least 11 lives in the north.")
    assert got["at least 11 lives"] == ("outlet", False, False)


def test_the_media_of_a_state_are_no_state(nlp):
    got = sourced(nlp, "North Korea fired a missile that flew for about 70 minutes, Japanese media reported.")
    assert got["about 70 minutes"] == (None, True, False)


def test_data_from_an_agency_are_the_agencys(nlp):
    text = ("China's exports beat forecasts. Imports fell 3.4 percent in June, figures from the "
            "General Administration of Customs showed on Sunday.")
    assert sourced(nlp, text)["3.4 percent"][0] == "China"


def test_a_state_named_in_a_reports_relative_clause_is_not_its_author(nlp):
    text = ("The deal covers nine items, according to a report from AP which cited a U.S. official "
            "who spoke on condition of anonymity.")
    assert sourced(nlp, text)["nine items"] == (None, True, False)


def test_x_quoted_y_as_saying_is_ys_figure_before_or_after(nlp):
    text = ("South Korea's National Intelligence Service briefed a parliamentary committee on Tuesday. "
            "Rep. Park Jin-ho quoted the NIS as saying that about 900 North Korean soldiers had been wounded. "
            "The North has rotated its units three times, the lawmakers quoted the NIS as saying.")
    got = sourced(nlp, text)
    assert got["about 900 North Korean soldiers"][0] == "National Intelligence Service"
    assert got["three times"][0] == "National Intelligence Service"



def test_who_reports_what_the_images_show(nlp):
    text = ("Mira Castell, a researcher at a maritime think tank, said satellite photos showed about 25 "
            "Chinese fishing vessels anchored near the reef.")
    assert sourced(nlp, text)["about 25 Chinese fishing vessels"][0] == "Mira Castell"


def test_what_no_actor_reports_stays_no_actors(nlp):
    got = sourced(nlp, "Analysts said satellite photos showed about 25 vessels near the reef.")
    assert got["about 25 vessels"] == (None, True, False)


def test_a_value_a_body_put_on_something_is_its_figure(nlp):
    text = "Kyiv received the first shells of the latest package, which the Pentagon valued at $310 million."
    assert sourced(nlp, text)["$310 million"][0] == "US Department of Defense"


def test_who_orders_a_figure_or_sets_it_as_a_goal_states_it(nlp):
    text = ("Kim Jong Un toured the plant on Monday. He ordered the workers to raise shell output by "
            "three and a half times within two years.")
    got = sourced(nlp, text)
    assert got["three and a half times"] == ("Kim Jong Un", True, False)
    got = sourced(nlp, "The ministry set a goal of cutting imports by 15 percent.")
    assert got["15 percent"][1] is True


def test_a_target_reached_or_goals_scored_state_nothing(nlp):
    got = sourced(nlp, "Only 9 of the 32 members reached the target last year. The striker scored two goals.")
    assert got["two goals"] == ("outlet", False, False)
    assert got["32 members"] == ("outlet", False, False)

# ------------------------------------------------------------------ how certain
def test_a_hedge_in_what_the_same_source_reports_with_the_figure_hedges_it(nlp):
    got = sourced(nlp, "The minister said the army had lost about 2,100 vehicles, and warned that the enemy "
                       "could mount a new offensive within weeks.")
    assert got["about 2,100 vehicles"][2] is True


def test_a_hedge_in_a_clause_the_source_does_not_report_leaves_the_figure(nlp):
    got = sourced(nlp, "The agency set a target of at least 40 percent by June, and said the new method could "
                       "help other labs.")
    assert got["at least 40 percent"][2] is False


def test_one_person_who_speaks_is_no_count(nlp):
    assert found(nlp, "One officer, speaking on condition of anonymity, told reporters the line held.") == {}


def test_a_clause_of_its_own_joined_to_an_act_is_the_outlets(nlp):
    text = ("The Commerce Department has added dozens of firms to its entity list, and the European Union "
            "has banned the export of 40 categories of components to Moscow.")
    assert sourced(nlp, text)["40 categories"] == ("outlet", False, False)


def test_what_follows_a_reporting_clause_in_mid_sentence_is_still_reported(nlp):
    text = ("Early rockets missed by two to four kilometres, the ministry said in a statement, but newer "
            "ones had landed within 30 to 60 metres of the target.")
    assert sourced(nlp, text)["30 to 60 metres"][1] is True


def test_what_is_forecast_to_happen_has_no_source_in_its_subject(nlp):
    text = ("Highs of 28C are expected in the south on Saturday, while the mercury is forecast to reach 31C on "
            "Sunday. The forecaster predicted 33C for Monday.")
    got = {f.text: (f.attribution, f.attribution_actor) for f in nlp(text)._.figures}
    assert got["31C"] == (None, "outlet")
    assert got["33C"][0] == "The forecaster"


def test_an_assurance_is_a_source_and_as_high_as_a_qualifier(nlp):
    text = ("The Pentagon assured that the United States and a coalition of about 40 partners would keep "
            "supplying Kyiv. Allies may lift their budgets to as high as 4% of output.")
    got = {f.text: f for f in nlp(text)._.figures}
    assert got["about 40 partners"].attribution_actor == "US Department of Defense"
    assert got["as high as 4%"].qualifier == "as high as"


def test_a_claim_to_a_sea_reports_no_number_in_it(nlp):
    text = ("China claims almost all of the South China Sea, including the reef, which lies within the Philippines' "
            "200-mile exclusive economic zone. China claimed 30 Philippine boats had entered the area. "
            "Russia claimed control of 3 villages.")
    got = {f.text: (f.attribution, f.attribution_actor) for f in nlp(text)._.figures}
    assert got["200-mile"] == (None, "outlet")
    assert got["30 Philippine boats"][1] == "China"
    assert got["3 villages"][1] == "Russia"


def test_the_whole_after_out_of_counts_what_the_part_counts(nlp):
    text = "Air defences destroyed 210 Russian drones out of 236 launched overnight, the air force said."
    got = {f.text: f.unit for f in nlp(text)._.figures}
    assert got == {"210 Russian drones": "drones", "236": "drones"}


def test_a_figure_of_an_estimate_is_the_estimators(nlp):
    text = ("Net income rose to $3.1bn, compared with analysts' average estimate of $2.9bn. "
            "Revenue rose to $12.4bn, against a Street view of $12.1bn. "
            "The IMF's forecast of 2.5% growth was cut.")
    got = {f.text: (f.attribution, f.attribution_actor) for f in nlp(text)._.figures}
    assert got["$3.1bn"] == (None, "outlet")
    assert got["$2.9bn"] == ("analysts", None)
    assert got["$12.1bn"] == (None, None)
    assert got["2.5%"][1] == "International Monetary Fund"


def test_a_bare_number_counts_a_part_of_what_the_sentence_counted(nlp):
    text = ("Officials said four drones were launched at the ship, with three intercepted and one missing it. "
            "There were five rockets fired at two tankers, one rocket missed and the other four were shot down. "
            "The two leaders met in May. The two met again on Friday.")
    got = {(f.text, f.unit) for f in nlp(text)._.figures}
    assert {("three", "drones"), ("one", "drones"), ("one rocket", "rocket"), ("four", "rockets")} <= got
    assert not {t for t, _ in got} & {"two", "The two"}


def test_a_demand_is_its_makers_figure_but_a_name_given_is_none(nlp):
    text = ("US Defense Secretary Pete Hegseth called on allies to raise military budgets, possibly to as high as "
            "4% of GDP. Seoul condemned the launch of what it called a new missile, which flew about 900 kilometres.")
    got = {f.text: (f.attribution, f.attribution_actor) for f in nlp(text)._.figures}
    assert got["as high as 4%"][1] == "Pete Hegseth"
    assert got["about 900 kilometres"] == (None, "outlet")


def test_what_a_report_found_is_its_authors_but_not_what_police_found(nlp):
    text = ("A report by the United Nations found 1,800 civilians had died in the region. "
            "Police found four bodies in the rubble on Tuesday.")
    got = {f.text: (f.attribution, f.attribution_actor) for f in nlp(text)._.figures}
    assert got["1,800 civilians"][1] == "United Nations"
    assert got["four bodies"] == (None, "outlet")


# ------------------------------------------------------------------ sources no actor, named
def test_trillions_written_trn_onto_the_number(nlp):
    assert found(nlp, "Campaigners want a fund of £2.4trn for the coming decade.")["£2.4trn"] == (2.4e12, None, "GBP")


def test_a_common_noun_saying_the_figure_in_a_relative_clause_without_that(nlp):
    # the parser glues the noun to the figure ("1.3 trillion developing countries"); the figure is
    # still theirs (reported, by no actor), not the outlet's
    got = sourced(nlp, "The pledge falls well short of the $2.1 trillion poorer nations have long said is required.")
    assert got["$2.1 trillion"] == (None, True, False)
    got = sourced(nlp, "It is far from the $900bn economists say is needed to rebuild the region.")
    assert got["$900bn"] == (None, True, False)
    # a figure its own sentence states stays the outlet's
    assert sourced(nlp, "The ministry spent $4 billion on roads last year.")["$4 billion"] == ("outlet", False, False)


def test_an_outlet_reporting_the_figure_is_its_source_not_the_main_clauses_speaker(nlp):
    # "as the Post reported ...": the Post's report (no actor), not the confirming government's figure
    got = sourced(nlp, "The Dutch government confirmed on Monday that its servers had been breached, as The "
                       "Washington Post reported at least three ministries had been hit by the intruders.")
    assert got["at least three ministries"] == (None, True, False)
    # a credit after the sentence still relays the agency's figure
    got = sourced(nlp, "North Korea has moved 3,000 troops to the border, the NIS said, Yonhap reported.")
    assert got["3,000 troops"][0] == "National Intelligence Service"


# ------------------------------------------------------------------ what the counted noun is
def test_adverb_compounds_and_commas_between_the_number_and_its_noun(nlp):
    got = found(nlp, "The navy will receive at least 9 diesel-electric, conventionally-armed frigates by 2040.")
    assert got["at least 9 diesel-electric, conventionally-armed frigates"] == (9, None, "frigates")
    got = found(nlp, "They will be joined by six jointly designed ABC-class corvettes.")
    assert got["six jointly designed ABC-class corvettes"] == (6, None, "corvettes")


def test_a_noun_of_three_hyphenated_words_is_one_unit(nlp):
    assert found(nlp, "The two sides will swap 500 prisoners-of-war each.")["500 prisoners-of-war"] == (
        500, None, "prisoners-of-war")


def test_a_number_after_an_acronym_is_a_distance_when_a_distance_follows(nlp):
    # not a name's number ("Model 3"): "the CCG 12 nautical miles away"
    got = found(nlp, "The boat was stopped by the PCG 15 nautical miles off the reef.")
    assert got["15 nautical miles"] == (15, None, "nautical miles")


def test_billions_written_b_after_a_currency_sign(nlp):
    assert found(nlp, "'Just a start': $120b plan for new frigates unveiled")["$120b"] == (1.2e11, None, "USD")
    assert "5b" not in " ".join(found(nlp, "The Block 5b satellites were launched on Friday."))


def test_a_bare_dollar_is_the_local_one_of_an_outlet_with_a_country_domain(analyser, tmp_path):
    text = "---\ntitle: Frigates ordered\nsource: www.harbourtimes.com.au\n---\nThe navy will spend $4 billion on frigates.\n"
    out = analyse_text(analyser, tmp_path, text, name="frigates.md")
    assert [(f.value, f.unit) for f in out.figures] == [(4e9, "AUD")]
    text = text.replace("com.au", "com").replace("frigates.\n", "frigates and US$1 billion on drones.\n")
    out = analyse_text(analyser, tmp_path, text, name="frigates2.md")
    assert [(f.value, f.unit) for f in out.figures] == [(4e9, "USD"), (1e9, "USD")]


def test_a_hedge_of_a_things_kind_does_not_hedge_the_report(nlp):
    # "three, possibly used, submarines": "possibly" is said of what the boats are
    # (and what the plan "has been revealed as" doing is told of it: the plan is no source)
    got = sourced(nlp, "The first phase has been revealed as delivering two, possibly used, Collins class diesel "
                       "submarines every four years.")
    assert got["four years"] == ("outlet", False, False)


def test_one_thing_listed_with_other_counted_things_is_a_figure(nlp):
    got = found(nlp, "The destroyer shot down one anti-ship cruise missile and four attack drones on Friday.")
    assert got["one anti-ship cruise missile"] == (1, None, "missile")
    assert "one" not in " ".join(found(nlp, "Only one country voted against the resolution."))


def test_the_level_after_a_change_in_points_and_its_share_is_in_points(nlp):
    got = found(nlp, "The Dow Jones Industrial Average fell 310.12 points or 0.93 percent to 33,102.45.")
    assert got["33,102.45"] == (33102.45, None, "points")


def test_a_figure_describing_the_speaker_is_the_outlets(nlp):
    # the relative clause says who the speaker is; what he says comes after his verb
    got = sourced(nlp, "Italy's prime minister, Marco Bellini, who had opposed the 4% goal before the summit, said he "
                       "believed his country could reach it by 2030.")
    assert got["4%"] == ("outlet", False, False)


def test_an_organisations_chief_is_its_head_and_reports_by_a_body_are_its(nlp):
    got = sourced(nlp, "The IAEA chief said Iran had enriched uranium to 60% purity at a second plant.")
    assert got["60%"][0] == "Rafael Grossi"
    got = sourced(nlp, "Quarterly reports by the International Atomic Energy Agency said Iran held about 150 kg of "
                       "highly enriched uranium.")
    assert got["about 150 kg"][0] == "IAEA"


def test_a_figure_in_a_package_announced_by_someone_is_his(nlp):
    got = sourced(nlp, "More artillery and 60 Storm Shadow missiles are included in the new package announced by Mr "
                       "Healey during a visit to Odesa.")
    assert got["60 Storm Shadow missiles"][:2] == ("John Healey", True)


def test_a_statement_credited_on_its_first_line_is_the_credited_persons(analyser, tmp_path):
    text = ("---\ntitle: \"Additional security assistance for Ukraine\"\n---\n"
            "Attributed to Pentagon Press Secretary Todd Breasseale:\n\n"
            "Under this package, the department will provide Ukraine with up to 90,000 rounds of artillery ammunition "
            "and three additional air defence radars to defend against Russian aggression.\n")
    out = analyse_text(analyser, tmp_path, text, name="dod.md")
    assert {f.attribution_actor for f in out.figures} == {"Todd Breasseale"}


def test_weights_in_kilograms_and_pounds(nlp):
    got = found(nlp, "The plan caps the stockpile at around 150 kg (330 lbs).")
    assert got["around 150 kg"] == (150, None, "kg") and got["330 lbs"] == (330, None, "lbs")


def test_a_hedge_in_a_conceded_clause_does_not_hedge_the_report(nlp):
    got = sourced(nlp, "Although the alliance will likely miss its deadline to deliver 2 million shells to Kyiv by March, "
                       "Pistorius said that the German government included an additional 30,000 155-mm artillery shells.")
    assert got["30,000 155-mm artillery shells"] == ("Boris Pistorius", True, False)



def test_a_count_of_things_named_with_a_hyphenated_small_word(nlp):
    got = found(nlp, "The package includes two Medium Extended Surface-to-Air Defence Systems for Kyiv.")
    assert got["two Medium Extended Surface-to-Air Defence Systems"] == (2, None, "systems")


def test_a_governor_giving_figures_in_a_report_with_no_theme_is_named_as_their_source(analyser, tmp_path):
    # no theme: no actor page for the governor (an article with no theme adds no model-found actors),
    # but his figures are his
    text = ("---\ntitle: \"Russian strikes kill five in Kharkiv\"\n---\n"
            "Russian attacks killed five people and injured 12 others in Kharkiv Oblast over the past day, Governor "
            "Oleh Petrenko said on Tuesday.\n\n"
            "Ukraine's air force said it shot down 41 of 60 drones launched by Russia overnight.\n")
    out = analyse_text(analyser, tmp_path, text, name="kharkiv.md")
    assert not out.themes and "Oleh Petrenko" not in {a.name for a in out.actors}
    assert {f.text: f.attribution_actor for f in out.figures}["five people"] == "Oleh Petrenko"


def test_what_a_ministry_registered_is_its_count_and_a_part_of_those_counts_alike(nlp):
    got = sourced(nlp, "Taiwan's defence ministry said 45 Chinese military aircraft operated near the island on "
                       "Monday. The ministry also registered the presence of 11 Chinese warships.")
    assert got["11 Chinese warships"][:2] == ("Taiwan", True)
    got = found(nlp, "The ministry said 31 Chinese fighter jets were detected. Out of those, 17 crossed the median line.")
    assert got["17"] == (17, None, "jets")


def test_at_one_point_is_when_not_a_count(nlp):
    got = {f.text for f in nlp("At one point protesters broke into the party offices. "
                               "At one time 300 people stood outside.")._.figures}
    assert got == {"300 people"}


def test_sq_makes_a_unit_of_area(nlp):
    got = {f.text: f.unit for f in nlp("The shoal is a 150 sq km (58 sq mile) chain of reefs.")._.figures}
    assert got == {"150 sq km": "sq km", "58 sq mile": "sq mile"}


def test_a_figure_in_someones_remarks_is_theirs(nlp):
    """"On X's remarks that the number could grow to 100,000": X's figure, whatever the parse."""
    got = sourced(nlp, "On Ukrainian President Volodymyr Zelenskiy’s remarks that the number of North Korean troops "
                       "in Russia could grow to 100,000, the lawmaker said the agency had not confirmed it.")
    assert got["100,000"][0] == "Volodymyr Zelensky"


def test_au_and_ca_dollars_glued_to_the_number(nlp):
    got = {f.text: f.unit for f in nlp("Canberra will spend AU$368 billion ($240 billion); Ottawa CA$5 billion.")._.figures}
    assert got == {"AU$368 billion": "AUD", "$240 billion": "USD", "CA$5 billion": "CAD"}


def test_a_tally_after_the_speech_tag_is_the_outlets(nlp):
    """"..., Hegseth said, bringing the death count up to 69 in at least 17 strikes": the outlet's
    sum (and "up to" there is where the count got to, no bound)."""
    text = ("Defense Secretary Pete Hegseth spoke on Thursday. The attack killed three people, Hegseth said, "
            "bringing the death count from the campaign up to 69 in at least 17 strikes.")
    got = {f.text: (f.qualifier, f.attribution_actor) for f in nlp(text)._.figures}
    assert got["three people"] == (None, "Pete Hegseth")
    assert got["69"] == (None, "outlet")
    assert got["at least 17 strikes"] == ("at least", "outlet")


def test_about_as_a_preposition_is_no_qualifier(nlp):
    got = {f.text: f.qualifier for f in nlp("The agency confirmed four names and gathered details about five others. "
                                            "About 5,000 troops died.")._.figures}
    assert got.get("five others", got.get("about five others")) is None
    assert got["About 5,000 troops"] == "about"


def test_a_bonds_maturity_is_no_duration(nlp):
    got = {f.text for f in nlp("The yield on the 10-year Treasury note rose to 4.2%. The 10-year yield rose too. "
                               "He signed a 10-year contract.")._.figures}
    assert got == {"4.2%", "10-year"}


def test_gadget_and_money_constructions(nlp):
    """Cents are money; mm after a number with no noun is a size, not a calibre; a spec unit stays
    the unit before a noun; "a couple of thousand" is a vague count like "a few thousand"."""
    got = found(nlp, "The phones are 6.9 mm and 7.1 mm thin, with an 8 megapixel iSight camera. Amazon cut its "
                     "phone to just 99 cents. Russia fired 152mm shells. Cook spoke before a couple of thousand "
                     "in-person attendees.")
    assert got["6.9 mm"] == (6.9, None, "mm")
    assert got["8 megapixel"] == (8, None, "megapixel")
    assert got["99 cents"] == (0.99, None, "USD")
    assert got["a couple of thousand in-person attendees"] == (None, None, "attendees")
    assert not any("152" in k for k in got)


def test_a_calibre_in_inches_and_a_number_in_a_quoted_title_are_no_figures(nlp):
    got = {f.text for f in nlp("North Korea may have supplied 4.8-inch artillery shells. Disney’s “101 Dalmatians” "
                               "prequel opened. The phone has a 5.5-inch screen. He said “20 people died there”.")._.figures}
    assert got == {"5.5-inch", "20 people"}


def test_a_hedge_outside_a_framing_clause_or_in_a_clause_about_something_else_does_not_hedge(nlp):
    """"As the box office attempts to rebound from a tough 18-month period, F9 is expected to ...";
    "a 60-day ceasefire, during which talks could take place": facts, not hedged; "10 warships,
    which may have entered the zone" and "Russia may send 5,000 troops" stay hedged."""
    text = ("As the box office attempts to rebound from a tough 18-month period, F9 is expected to provide a boost. "
            "He said mediators are considering a plan for a 60-day ceasefire, during which broader negotiations "
            "could take place. The 10 warships, which may have entered the zone, left. He said Russia may send "
            "5,000 troops.")
    got = {f.text: f.hedged for f in nlp(text)._.figures}
    assert got == {"18-month": False, "60-day": False, "10 warships": True, "5,000 troops": True}


def test_an_inverted_credit_names_its_source_after_the_verb(nlp):
    got = sourced(nlp, "North Korea has sent over 13,000 containers to Russia, reported the Yonhap News TV portal "
                       "on Wednesday.")
    actor, reported, _ = got["over 13,000 containers"]
    assert reported and actor != "outlet"  # the agency's report, not the article's own fact


def test_a_part_of_a_qualified_whole_is_counted_in_its_unit(nlp):
    got = found(nlp, "Hamas still holds 59 of the more than 250 hostages taken during the attack.")
    assert got["59"] == (59, None, "hostages")
    assert got["more than 250 hostages"] == (250, None, "hostages")


def test_people_counted_by_what_befell_them(nlp):
    """"80 dead and 11,000 displaced", "has killed tens of thousands", "the strike killed 12":
    people; "17,000 light-years" is a distance."""
    got = found(nlp, "Attacks left at least 80 dead and 11,000 displaced. The war has killed tens of thousands. "
                     "The strike killed 12. The planet is 17,000 light-years away.")
    assert got["11,000 displaced"] == (11000, None, "displaced")
    assert got["tens of thousands"] == (None, None, "people")
    assert got["12"] == (12, None, "people")
    assert got["17,000 light-years"] == (17000, None, "light-years")


def test_a_duration_in_seconds_written_with_a_hyphen(nlp):
    got = {f.text for f in nlp("Hegseth posted a 20-second video of the strike. He finished second in the "
                               "second round.")._.figures}
    assert got == {"20-second"}


def test_a_models_name_in_the_plural_is_what_is_counted(nlp):
    got = found(nlp, "The drills involved two South Korean F-35As, 12 F-16s and three Su-35s. He flew an F-16.")
    assert got == {"two South Korean F-35As": (2, None, "f-35as"), "12 F-16s": (12, None, "f-16s"),
                   "three Su-35s": (3, None, "su-35s")}


def test_revealing_that_after_an_announcement_is_the_announcers(nlp):
    got = sourced(nlp, "President Donald Trump made the announcement in a speech at the White House, revealing that a "
                       "10% tariff would apply to all imports.")
    assert got["10%"][0] == "Donald Trump"


def test_a_relative_clause_naming_its_source_gives_the_figure_to_it(nlp):
    got = sourced(nlp, "Hamas, which Israel claims still holds 59 of the more than 250 hostages taken in the attack, "
                       "has accused Israel of undermining mediation. The group, which fired 20 rockets, went on.")
    assert got["59"][0] == "Israel"
    assert got["20 rockets"][0] == "outlet"


def test_allegations_by_a_source_about_a_decision_are_its_and_alleged_hedges(nlp):
    """"amid allegations by South Korean intelligence about Pyongyang's alleged decision to send
    ...": the spy agency's figure, hedged by "alleged"; "Kyiv alleged that ..." reports only."""
    got = sourced(nlp, "The president met his aides, amid allegations by South Korean intelligence about Pyongyang's "
                       "alleged decision to send three brigades totaling 9,000 soldiers to Russia.")
    assert got["three brigades"] == ("National Intelligence Service", True, True)
    assert got["9,000 soldiers"] == ("National Intelligence Service", True, True)
    got = sourced(nlp, "Ukraine alleged that Russia fired 40 drones overnight.")
    assert got["40 drones"] == ("Ukraine", True, False)


def test_a_sentence_opening_specifically_goes_on_with_the_last_speakers_words(nlp):
    """"Mr. Putin said that ... Specifically, trade grew 7 times": his figures; a new paragraph,
    or a sentence before that reports nothing, leaves them the outlet's."""
    got = sourced(nlp, "Mr. Putin said that trade between the two countries has good prospects. Specifically, "
                       "turnover grew 7 times last year and by 31% in the first four months of this year.")
    assert got["7 times"][0] == got["31%"][0] == got["four months"][0] == "Vladimir Putin"
    got = sourced(nlp, "Trade between the two countries has good prospects. Specifically, turnover grew 7 times last "
                       "year.\n\nMr. Putin said that trade was good.\n\nFor example, exports rose by 12% in May.")
    assert got["7 times"][0] == got["12%"][0] == "outlet"


def test_a_distance_per_hour_is_a_speed(nlp):
    got = found(nlp, "The storm was moving north at about 15 kilometers per hour, with gusts of up to 190 km an hour, "
                     "80 kilometers off the coast.")
    assert got["about 15 kilometers per hour"] == (15, None, "kilometers per hour")
    assert got["up to 190 km an hour"] == (190, None, "km per hour")
    assert got["80 kilometers"] == (80, None, "kilometers")


def test_a_part_of_an_owners_things_after_their_adjectives(nlp):
    """"two of the United States’ largest trading partners": partners (a bare apostrophe after a
    plural name, adjectives and a modifier before the noun)."""
    got = found(nlp, "The tariffs hit two of the United States’ largest trading partners. China seized three of "
                     "Manila's newest vessels.")
    assert got["two of the United States’ largest trading partners"] == (2, None, "partners")
    assert got["three of Manila's newest vessels"] == (3, None, "vessels")


def test_an_act_the_speaker_reports_is_his_figure(nlp):
    """"Allies will have added more than $600 billion ..., he said": "added" is an act here (an
    object, no clause) but what the speaker says; "the department added 80 firms" stays the
    outlet's."""
    got = sourced(nlp, "Jens Stoltenberg spoke in Brussels. European allies will have added more than $600 billion to "
                       "their defence spending since 2014, he said. The Commerce Department added 80 firms to its list.")
    assert got["more than $600 billion"][0] == "Jens Stoltenberg"
    assert got["80 firms"][0] == "outlet"


def test_a_hedging_noun_hedges_what_it_governs_only(nlp):
    """"would send three submarines, with the potential to sell up to two more": the three are
    reported, not hedged; "could send 12 more" still hedges the report."""
    got = sourced(nlp, "The president confirmed the US would send three Virginia-class submarines to Australia, with "
                       "the potential to sell up to two more if needed.")
    assert got["three Virginia-class submarines"][1:] == (True, False)
    got = sourced(nlp, "He said the army had lost 300 tanks, and warned that Russia could send 12 more.")
    assert got["300 tanks"][2] is True


def test_what_a_passive_verb_says_is_nobodys_words(nlp):
    """"Famine has been declared in five areas", "gusts of up to 190 km per hour are forecast":
    the subject is what is declared, not who declares it."""
    got = sourced(nlp, "Famine has been declared in five areas of Sudan. Gusts of up to 190 kilometers per hour are "
                       "forecast.")
    assert got["five areas"][0] == "outlet"
    assert got["up to 190 kilometers per hour"][0] == "outlet"


def test_a_number_word_hyphened_to_percent(nlp):
    got = found(nlp, "Allies set the two-percent target a decade ago, on a three-party basis.")
    assert got == {"two-percent": (2, None, "percent")}


def test_the_level_an_index_ends_at_after_a_change_in_percent_is_in_points(nlp):
    """"the S&P 500 gained 0.06% to finish at 6,850.92": points; "inflation rose 0.3% to 2.9" is
    still a rate."""
    got = found(nlp, "At the close, the S&P 500 gained 0.06% to finish at 6,850.92, the Nasdaq slipped 0.26% to "
                     "23,406.46. Inflation rose 0.3% to 2.9.")
    assert got["6,850.92"] == (6850.92, None, "points") and got["23,406.46"] == (23406.46, None, "points")
    assert got["2.9"] == (2.9, None, "percent")


def test_a_clause_after_the_counted_noun_is_not_part_of_it(nlp):
    """"the more than 250 hostages Hamas seized" counts hostages; "killed thousands and displaced
    hundreds of thousands" is two figures of people, not "thousands and displaced hundreds"."""
    got = found(nlp, "Hamas still holds some of the more than 250 hostages Hamas seized. The fighting has killed "
                     "thousands and displaced hundreds of thousands.")
    assert got["more than 250 hostages"] == (250, None, "hostages")
    assert got["thousands"] == (None, None, "people") and got["hundreds of thousands"] == (None, None, "people")


def test_a_fraction_of_something_is_a_percentage(nlp):
    """"nearly a quarter of the stocks" (25 %), "two-thirds of the members", "half of the allies";
    not "the first half of the year", "an hour and a half", "the third round of talks"."""
    got = found(nlp, "Nearly a quarter of the stocks rose. Two-thirds of the members met the target, while half of "
                     "the allies did not. The third round of talks lasted an hour and a half in the first half of "
                     "the year.")
    assert got["Nearly a quarter"] == (25, None, "percent") and got["Two-thirds"] == (66.67, None, "percent")
    assert got["half"] == (50, None, "percent")
    assert got["an hour and a half"] == (1.5, None, "hour") and len(got) == 4

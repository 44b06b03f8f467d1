"""Themes read right on the constructions of real reporting (issue 15), on the real model.

The articles are invented; each test names the construction it guards. A short article is
written the way the plain-text reader takes it: the first paragraph is the lead (it counts twice
towards a theme's score), the last line names the source.
"""

from __future__ import annotations

import pytest

from tests.analyse.test_real_reporting import theme_ids


@pytest.fixture(scope="module")
def nlp(analyser):
    return analyser.nlp


def story(lead: str, *body: str) -> str:
    return "\n".join([lead, *body, "Original Source: wire.example"]) + "\n"


# ------------------------------------------------------------------ sanctions
def test_sanctions_named_once_in_passing_in_the_body_are_not_the_story(analyser, tmp_path):
    text = story("Shares in Frankfurt rose for a third day as carmakers gained.",
                 "The DAX closed 0.8% higher, led by exporters and chipmakers.",
                 "Traders shrugged off news that Russia faces further European sanctions next month.",
                 "The euro was little changed against the dollar.")
    assert "sanctions" not in theme_ids(analyser, tmp_path, text)


def test_sanctions_in_the_lead_are_the_story(analyser, tmp_path):
    text = story("Britain imposed sanctions on four shipping firms accused of moving Iranian oil.",
                 "The firms' assets in the United Kingdom are frozen.")
    assert "sanctions" in theme_ids(analyser, tmp_path, text)


# ------------------------------------------------------------------ trade and tariffs
def test_an_export_ban_told_with_a_verb_is_a_trade_restriction(analyser, tmp_path):
    text = story("Beijing is banning exports of two rare metals to the United States, the commerce ministry said.",
                 "The metals are used to make solar cells.")
    assert "trade-tariffs" in theme_ids(analyser, tmp_path, text)


def test_an_import_ban_in_a_sanctions_package_is_the_sanction_not_a_trade_measure(analyser, tmp_path):
    text = story("Britain adopted a new sanctions package on Minsk, including an import ban on Belarusian potash.",
                 "The measures also freeze the assets of twelve officials and three banks.")
    found = theme_ids(analyser, tmp_path, text)
    assert "sanctions" in found
    assert "trade-tariffs" not in found


def test_tariffs_told_apart_from_sanctions_are_still_a_trade_measure(analyser, tmp_path):
    text = story("Ottawa raised tariffs on steel imports from three countries to 25%.",
                 "Separately, the government announced sanctions on four Iranian officials.")
    assert "trade-tariffs" in theme_ids(analyser, tmp_path, text)


# ------------------------------------------------------------------ diplomacy
def test_a_briefing_that_opens_with_a_visit_and_names_bilateral_relations_is_no_diplomacy(analyser, tmp_path):
    text = story("Foreign ministry spokesperson Xu Lan held the regular news conference on Friday.",
                 "At the invitation of Foreign Minister Wang Yi, Mongolia's foreign minister will visit China on June 3.",
                 "Xu said the fishing dispute was a major issue in bilateral relations between China and Japan.",
                 "She said China and Vietnam have kept up close bilateral cooperation on flood relief.")
    assert "diplomacy" not in theme_ids(analyser, tmp_path, text)

# ------------------------------------------------------------------ troop deployment
def test_troops_massed_along_a_border_are_a_deployment(analyser, tmp_path):
    text = story("Satellite pictures show the army has massed tanks and troops near the Lithuanian border.",
                 "Analysts counted several battalions at a camp outside the town.")
    assert "troop-deployment" in theme_ids(analyser, tmp_path, text)


def test_fighter_aircraft_sent_to_a_country_are_no_troops(analyser, tmp_path):
    text = story("Norway begins sending F-16 fighters to Ukraine, its defence ministry said.",
                 "The first aircraft will be handed over in the spring.")
    found = theme_ids(analyser, tmp_path, text)
    assert "troop-deployment" not in found
    assert "military-aid" in found


# ------------------------------------------------------------------ indo-pacific security
def test_a_regional_power_buying_long_range_strike_missiles_is_regional_security(analyser, tmp_path):
    text = story("Japan sets aside money for Tomahawk cruise missiles to give its forces a counterstrike capability.",
                 "The spending plan is the largest since the end of the war.")
    found = theme_ids(analyser, tmp_path, text)
    assert "indo-pacific-security" in found


# ------------------------------------------------------------------ military aid
def test_export_controls_on_chipmaking_equipment_are_no_arms_supply(analyser, tmp_path):
    text = story("Washington tightened export controls on chipmaking equipment sold to China.",
                 "The Commerce Department added dozens of Chinese firms to its entity list.")
    assert "military-aid" not in theme_ids(analyser, tmp_path, text)


# ------------------------------------------------------------------ terms
def test_a_term_starting_with_a_hyphen_is_the_end_of_a_compound_word(nlp):
    from generator.analyse.terms import TermIndex

    index = TermIndex(nlp, {"give": ["-supplied"]})
    doc = nlp.make_doc("Kyiv fired Western-supplied rockets and U.S.-supplied shells, not supplied ones.")
    found = [doc[s:e].text for s, e, _ in index.find(doc)]
    assert found == ["-supplied", "U.S.-supplied"]


def test_a_state_supplied_weapons_told_as_a_compound_adjective_is_aid(analyser, tmp_path):
    text = story("Ukraine hit an airfield in Crimea with U.S.-provided ATACMS missiles, officials said.",
                 "The strike destroyed two helicopters.")
    assert "military-aid" in theme_ids(analyser, tmp_path, text)


# ------------------------------------------------------------------ China's stance: China must hold it
def stance_sentences(nlp, text):
    doc = nlp(text)
    return [i for i, _ in (doc._.theme_evidence or {}).get("china-stance", [])]


def test_another_state_opposing_what_china_does_is_not_chinas_stance(nlp):
    assert stance_sentences(nlp, "The United States strongly opposes China's new curbs on metal exports.") == []
    assert stance_sentences(nlp, "A Taiwanese ministry statement said Chinese warships were seen near Penghu.") == []


def test_china_or_its_officials_holding_a_view_is_chinas_stance(nlp):
    text = ("Beijing firmly opposes the new duties. "
            "Chinese foreign ministry spokesperson Lin Jian said China would take countermeasures. "
            "\"We urge the EU to correct its mistakes,\" Lin said. "
            "China's position on the dispute has not changed, the ministry added.")
    assert stance_sentences(nlp, text) == [0, 1, 2, 3]


def test_a_holder_group_must_be_one_of_the_themes_groups(tmp_path):
    from generator.analyse.taxonomy import load_taxonomy
    from generator.errors import ConfigError

    path = tmp_path / "themes.yml"
    path.write_text("themes:\n  - id: x\n    name: X\n    description: d\n    terms: {a: [aa], b: [bb]}\n"
                    "    rules: [[a, b]]\n    holder: c\n", encoding="utf-8")
    try:
        load_taxonomy((str(path),))
    except ConfigError as exc:
        assert any("'holder' names unknown terms group 'c'" in p for p in exc.problems)
    else:
        raise AssertionError("an unknown holder group must be a configuration error")


def test_a_joint_statement_chinas_leader_signs_is_chinas_stance(nlp):
    assert stance_sentences(nlp, "Xi Jinping and the Kazakh president signed a joint statement on their partnership.") == [0]

def test_a_party_firing_another_states_weapons_is_evidence_of_supply(analyser, tmp_path):
    text = story("Russia fired three Iranian ballistic missiles at Zaporizhzhia, Ukraine's air force said.",
                 "Investigators also found the remains of North Korean-made shells near the city.")
    assert "military-aid" in theme_ids(analyser, tmp_path, text)


def test_a_strike_with_no_foreign_weapons_named_is_no_supply(analyser, tmp_path):
    text = story("Russia launched 40 missiles and dozens of drones at Kyiv overnight, the air force said.",
                 "Air defences shot down most of them, and two people were injured by falling debris.")
    assert "military-aid" not in theme_ids(analyser, tmp_path, text)


def test_silence_and_refusal_are_a_stance_but_an_act_not_done_is_no_act(nlp):
    assert stance_sentences(nlp, "Beijing has pointedly not condemned the invasion.") == [0]
    assert stance_sentences(nlp, "China has refused to criticise Moscow over the strikes.") == [0]
    assert stance_sentences(nlp, "China does not recognise the tribunal's ruling.") == [0]
    doc = nlp("North Korea did not send troops to Russia, its envoy said.")
    assert "troop-deployment" not in (doc._.theme_evidence or {})


def test_a_party_at_war_sourcing_weapons_from_another_state_is_aid(analyser, tmp_path):
    text = story("Russia is turning to Belarus for artillery shells as its stocks run low, officials said.",
                 "Its drone makers also rely on Chinese firms for engines and cameras.")
    assert "military-aid" in theme_ids(analyser, tmp_path, text)


def test_disagreement_and_a_protest_are_a_stance(nlp):
    assert stance_sentences(nlp, "China said it disagreed with the court's decision.") == [0]
    assert stance_sentences(nlp, "Beijing lodged a diplomatic protest with Tokyo.") == [0]
    assert stance_sentences(nlp, "Students protested outside the Chinese embassy in Manila.") == []


# ------------------------------------------------------------------ military aid: weapons promised, parts shipped for attacks
def test_parts_shipped_for_drones_used_to_attack_a_state_are_aid(analyser, tmp_path):
    text = story("Two Singapore trading firms were penalised by Washington for shipping components to Belarus "
                 "for drones used for attacking Ukraine.",
                 "Both firms deny wrongdoing.")
    assert "military-aid" in theme_ids(analyser, tmp_path, text)


def test_weapons_promised_by_a_state_that_have_not_arrived_are_aid(analyser, tmp_path):
    text = story("Air defence systems promised last spring by Norway and Canada have still not reached Ukraine, "
                 "its defence minister said on Tuesday.",
                 "Kyiv has had no answer from Israel on the possible supply of aerial defence systems, he added.")
    assert "military-aid" in theme_ids(analyser, tmp_path, text)


def test_a_state_promising_to_build_its_own_weapons_is_no_aid(analyser, tmp_path):
    text = story("North Korea's leader promised to build more missiles and drones this year, state media said.",
                 "He also promised new housing for soldiers' families.")
    assert "military-aid" not in theme_ids(analyser, tmp_path, text)


# ------------------------------------------------------------------ themes15e: passing words, speakers, topics
def theme_sentences(nlp, theme, text):
    doc = nlp(text)
    return [i for i, _ in (doc._.theme_evidence or {}).get(theme, [])]


def test_diplomats_who_tell_the_story_are_no_diplomatic_event(nlp):
    text = ("The bloc will add forty tankers to its blacklist, European diplomats said. "
            "Diplomats added that Slovakia had dropped its objections. "
            "Foreign Minister Anna Berg of Sweden said the measures were overdue. "
            "According to two envoys, the list may grow.")
    assert theme_sentences(nlp, "diplomacy", text) == []


def test_an_ambassador_summoned_or_met_is_diplomacy(nlp):
    text = ("Warsaw summoned the Belarusian ambassador over the border incident. "
            "The Belarusian ambassador was summoned again on Friday. "
            "Mr Sikorski met his Lithuanian counterpart in Vilnius.")
    assert theme_sentences(nlp, "diplomacy", text) == [0, 1, 2]


def test_diplomats_telling_of_talks_do_not_hide_the_talks(analyser, tmp_path):
    text = story("Talks between Serbia and Kosovo ended without a deal in Brussels, diplomats said.",
                 "The two leaders met for four hours with the EU envoy.")
    assert "diplomacy" in theme_ids(analyser, tmp_path, text)


def test_tensions_between_two_governments_are_no_military_security(nlp):
    text = "Japanese and Chinese officials pledged stable ties amid bilateral tensions over seafood imports."
    assert theme_sentences(nlp, "indo-pacific-security", text) == []


def test_a_military_sale_to_an_armed_force_is_aid(analyser, tmp_path):
    text = story("US approves possible military sale of radar spare parts to the Philippines.",
                 "The estimated cost is $120 million, the Pentagon said.")
    assert "military-aid" in theme_ids(analyser, tmp_path, text)


def test_concerns_about_china_are_not_chinas_stance(nlp):
    assert stance_sentences(nlp, "Japan's foreign minister expressed serious concerns about "
                                 "Beijing's military activities near the islands.") == []
    assert stance_sentences(nlp, "The position of China on the talks has not changed.") == [0]


def test_a_not_speaker_group_must_be_one_of_the_themes_groups(tmp_path):
    from generator.analyse.taxonomy import load_taxonomy
    from generator.errors import ConfigError

    path = tmp_path / "themes.yml"
    path.write_text("themes:\n  - id: x\n    name: X\n    description: d\n    terms: {a: [aa], b: [bb]}\n"
                    "    rules: [[a, b]]\n    not_speaker: [c]\n", encoding="utf-8")
    try:
        load_taxonomy((str(path),))
    except ConfigError as exc:
        assert any("'not_speaker' names unknown terms group 'c'" in p for p in exc.problems)
    else:
        raise AssertionError("an unknown not_speaker group must be a configuration error")


def test_tension_in_the_regions_waters_is_regional_security(nlp):
    text = "Leaders met in Laos for summits dominated by tension in the South China Sea."
    assert theme_sentences(nlp, "indo-pacific-security", text) == [0]


def test_bombs_shipped_to_a_party_at_war_are_aid(analyser, tmp_path):
    text = story("Britain pauses a shipment of bombs to Saudi Arabia over civilian deaths in Yemen.",
                 "Ministers said other deliveries would continue.")
    assert "military-aid" in theme_ids(analyser, tmp_path, text)


def test_an_export_ban_named_once_in_a_sanctions_story_is_the_sanction(analyser, tmp_path):
    text = story("EU envoys back a new sanctions package against Russia's shadow fleet.",
                 "The package targets the owners of 70 more tankers, diplomats said.",
                 "“We are tightening the screws by targeting more vessels and imposing new import and export "
                 "bans,” the Commission president wrote.",
                 "Listed ships may not enter EU ports, and their owners' assets will be frozen.")
    got = theme_ids(analyser, tmp_path, text)
    assert "sanctions" in got
    assert "trade-tariffs" not in got


def test_a_trade_measure_told_twice_beside_sanctions_is_still_trade(analyser, tmp_path):
    text = story("Washington raises tariffs on Chinese semiconductors to 50 percent.",
                 "The tariffs on Chinese chips take effect in January, the trade office said.",
                 "Separately, the Treasury imposed sanctions on three firms and froze their assets.",
                 "The sanctions bar Americans from dealing with the firms.")
    got = theme_ids(analyser, tmp_path, text)
    assert {"sanctions", "trade-tariffs"} <= got


def test_min_score_beside_must_map_themes_to_whole_numbers(tmp_path):
    from generator.analyse.taxonomy import load_taxonomy
    from generator.errors import ConfigError

    path = tmp_path / "mine.yml"
    path.write_text("themes:\n  - id: x\n    name: X\n    description: X.\n    terms: {a: [b]}\n"
                    "    rules: [[a]]\n    min_score_beside: {sanctions: zero}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_taxonomy((str(path),))
    assert "'min_score_beside' of 'sanctions' must be a whole number" in str(err.value.problems)


def test_not_in_names_must_name_a_terms_group(tmp_path):
    from generator.analyse.taxonomy import load_taxonomy
    from generator.errors import ConfigError

    path = tmp_path / "mine.yml"
    path.write_text("themes:\n  - id: x\n    name: X\n    description: X.\n    terms: {a: [b]}\n"
                    "    rules: [[a]]\n    not_in_names: [c]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_taxonomy((str(path),))
    assert "'not_in_names' names unknown terms group 'c'" in str(err.value.problems)


def test_a_sanctions_word_inside_a_bodys_name_still_counts(analyser, tmp_path):
    # only the groups listed in not_in_names skip a name's words: "Sanctions" of a monitoring team
    # is about sanctions
    text = ("Allies set up a team to watch sanctions on Pyongyang\n"
            "Eleven countries including the United States and Japan set up a Multilateral Sanctions Monitoring "
            "Team in October. The new Multilateral Sanctions Monitoring Team will track violations by North Korea.\n"
            "Original Source: wire.example\n")
    assert "sanctions" in theme_ids(analyser, tmp_path, text)


def test_deterring_a_state_in_the_indo_pacific_is_its_security(analyser, tmp_path):
    text = ("Defence chief sets out priorities at Asia forum\n"
            "Deterring China in the Indo-Pacific tops the priorities the US defence chief set out at the forum, "
            "alongside higher spending by allies. He warned that Beijing could try to seize Taiwan by force.\n"
            "Original Source: news.example.jp\n")
    assert "indo-pacific-security" in theme_ids(analyser, tmp_path, text)


def test_envoys_agreeing_a_sanctions_package_make_no_diplomacy_story(analyser, tmp_path):
    text = ("EU agrees new sanctions on Russia's shadow fleet\n"
            "European Union ambassadors agreed on Wednesday on a new package of sanctions against Russia, targeting "
            "dozens of tankers of its shadow fleet.\n"
            "The sanctions also freeze the assets of several banks that help Moscow evade earlier restrictions.\n"
            "The ambassadors also agreed to extend the existing measures against Russia by six months.\n"
            "EU foreign ministers are expected to approve the sanctions formally on Monday.\n"
            "Original Source: news.example.eu\n")
    got = theme_ids(analyser, tmp_path, text)
    assert "sanctions" in got and "diplomacy" not in got
    text = ("Leaders meet in Brussels for summit talks on Ukraine\n"
            "EU leaders met in Brussels on Thursday for summit talks with Ukraine's president, and the summit "
            "agreed to keep up sanctions against Russia. The talks also covered a new round of negotiations.\n"
            "Diplomats said the meeting ended with a joint statement. The summit will meet again in June.\n"
            "Original Source: news.example.eu\n")
    assert "diplomacy" in theme_ids(analyser, tmp_path, text)


def test_a_statement_criticising_china_is_not_chinas_stance(analyser, tmp_path):
    text = ("Manila accuses Beijing's coast guard over water cannon\n"
            "The Philippine Coast Guard issued a statement criticising the China Coast Guard's \"dangerous "
            "manoeuvres and illegal use of water cannon\" against its boats near the shoal.\n"
            "The Philippines said its boats continued their mission to resupply troops at the outpost.\n"
            "Original Source: news.example.ph\n")
    assert "china-stance" not in theme_ids(analyser, tmp_path, text)
    text = ("Beijing answers Manila\n"
            "A statement issued by China's foreign ministry rejected the accusations and urged Manila to stop "
            "its provocations at the shoal.\n"
            "Original Source: news.example.cn\n")
    assert "china-stance" in theme_ids(analyser, tmp_path, text)


def test_urgent_is_no_urging(analyser, tmp_path):
    text = ("US defence chief warns allies in Singapore\n"
            "The US defence secretary spoke at the regional forum on Saturday about military spending.\n"
            "“China's conduct toward its neighbours is a wake-up call and an urgent one,” he said before defence "
            "chiefs gathered in Singapore.\n"
            "Original Source: news.example.sg\n")
    assert "china-stance" not in theme_ids(analyser, tmp_path, text)


def test_respectively_and_a_distance_are_no_stance(analyser, tmp_path):
    text = ("Ships of China and Japan near the islands\n"
            "China and Japan sent four and six coast guard ships to the area respectively on Monday.\n"
            "China's ships kept a distance of about 20 nautical miles from the islands, the Japanese coast guard "
            "said, and China's vessels left the distance zone by noon.\n"
            "Original Source: news.example.jp\n")
    assert "china-stance" not in theme_ids(analyser, tmp_path, text)


def test_keeping_a_careful_distance_is_a_stance(analyser, tmp_path):
    text = ("Beijing keeps its distance from the deployment reports\n"
            "China has kept a careful distance from reports that foreign troops are fighting for Russia, saying "
            "only that it is not aware of the situation.\n"
            "Original Source: news.example.hk\n")
    assert "china-stance" in theme_ids(analyser, tmp_path, text)


def test_a_council_vote_on_a_draft_resolution_is_diplomacy(analyser, tmp_path):
    text = ("Security Council rejects draft resolution on Sudan truce\n"
            "The UN Security Council on Tuesday failed to adopt a British draft resolution on a truce in Sudan, with "
            "Russia voting against it.\n"
            "China and Algeria backed the British draft resolution, while France and Japan abstained.\n"
            "Britain's ambassador said the council had let down the people of Sudan.\n"
            "Original Source: news.example.org\n")
    assert "diplomacy" in theme_ids(analyser, tmp_path, text)


# ------------------------------------------------------------------ troop deployment
def test_the_involvement_of_troops_abroad_in_the_lead_is_a_deployment(analyser, tmp_path):
    """"the involvement of North Korean troops in combat operations in Russia's Kursk region" in the
    lead, and their "participation in the fighting" below: troops in another state's war."""
    text = story("China does not intend to comment on cooperation between North Korea and Russia, including the "
                 "involvement of North Korean troops in combat operations in Russia's Kursk region.",
                 "A spokesman was asked about Pyongyang's confirmation of its soldiers' participation in the fighting.",
                 "He said relations between the two states were their own affair.")
    assert "troop-deployment" in theme_ids(analyser, tmp_path, text)


def test_troops_pulled_back_are_a_deployment_story(analyser, tmp_path):
    """"the disengagement of Indian and Chinese troops ... was completed": forces moved, the
    other way."""
    text = story("The disengagement of Indian and Chinese troops at three friction points in eastern Ladakh was "
                 "completed on Monday.",
                 "China has not withdrawn the nearly 40,000 troops it keeps along the frontier, officials said.",
                 "Talks between the two armies will continue next week.")
    assert "troop-deployment" in theme_ids(analyser, tmp_path, text)

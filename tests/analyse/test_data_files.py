"""The shipped data files, and what a malformed user file gets: every problem, file and line."""

from __future__ import annotations

import pytest

from generator.analyse.gazetteer import load_gazetteer
from generator.analyse.lexicon import load_lexicon
from generator.analyse.taxonomy import load_taxonomy
from generator.errors import ConfigError

REQUIRED_THEMES = {"troop-deployment", "china-stance", "trade-tariffs", "indo-pacific-security",
                   "diplomacy", "sanctions", "military-aid"}


def test_shipped_data_loads():
    gaz = load_gazetteer()
    assert len(gaz.actors) > 100
    assert {"Reuters", "KCNA", "Yonhap", "TASS"} <= set(gaz.sources)
    assert REQUIRED_THEMES <= {t.id for t in load_taxonomy().themes}
    assert load_lexicon().qualifiers


def test_no_alias_is_claimed_by_two_actors():
    seen: dict[str, str] = {}
    for actor in load_gazetteer().actors:
        for form in (actor.name, *actor.aliases, *actor.demonyms, *actor.seats):
            assert seen.setdefault(form, actor.name) == actor.name, form


def test_user_theme_file_overrides_and_adds(tmp_path):
    extra = tmp_path / "mine.yml"
    extra.write_text(
        "themes:\n  - id: cyber\n    name: Cyber\n    description: Cyber attacks.\n"
        "    terms: {cyber: [cyberattack*, hack*]}\n    rules: [[cyber]]\n"
    )
    tax = load_taxonomy((str(extra),))
    assert tax.themes[-1].id == "cyber" and len(tax.themes) == len(load_taxonomy().themes) + 1


def test_malformed_theme_file_lists_every_problem_with_line(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("themes:\n  - id: x\n    name: X\n  - id: Bad Id\n")
    with pytest.raises(ConfigError) as info:
        load_taxonomy((str(bad),))
    problems = info.value.problems
    assert f"{bad}:2: theme 'x': missing 'description'" in problems
    assert f"{bad}:2: theme 'x': needs at least one rule or pattern" in problems
    assert any(p.startswith(f"{bad}:4: theme: 'id' must be") for p in problems)


def test_gazetteer_yaml_error_names_file_and_line(tmp_path):
    bad = tmp_path / "actors.yml"
    bad.write_text("actors:\n  - name: X\n    type: [unclosed\n")
    with pytest.raises(ConfigError) as info:
        load_gazetteer((str(bad),))
    assert info.value.problems[0].startswith(f"{bad}:4: not valid YAML")


def test_gazetteer_rejects_an_alias_claimed_twice(tmp_path):
    bad = tmp_path / "actors.yml"
    bad.write_text("actors:\n  - name: Nowhere\n    type: country\n    aliases: [DPRK]\n")
    with pytest.raises(ConfigError, match="'DPRK' is claimed by both 'North Korea' and 'Nowhere'"):
        load_gazetteer((str(bad),))


def test_km_kilometres_and_miles_are_one_measure_and_miles_convert_to_km(tmp_path):
    """data/lexicon.yml: 'km', 'kilometres', 'kilometers' and 'miles' measure distance; a value in
    miles is compared in km. A conversion must be a positive number of a unit of some measure."""
    from generator.analyse.lexicon import DEFAULT_LEXICON, converted

    lex = load_lexicon()
    measures = dict(lex.measures)
    assert {measures[u] for u in ("km", "kilometres", "kilometers", "miles")} == {"distance"}
    assert round(converted(620.0, "miles"), 1) == 997.8 and converted(1000.0, "km") == 1000.0
    assert converted(12.0, "troops") == 12.0 and converted(5.0, None) == 5.0
    text = DEFAULT_LEXICON.read_text(encoding="utf-8")
    bad = tmp_path / "lexicon.yml"
    bad.write_text(text.replace("conversions: {miles: 1.609344, mile: 1.609344}",
                                "conversions: {miles: -1, furlongs: 201.2}"), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_lexicon(str(bad))
    assert "conversion of 'miles' must be a positive number" in str(err.value)
    assert "conversion of 'furlongs': the unit is in no measure" in str(err.value)


def test_an_ordinal_is_one_word_however_it_is_spelt():
    """data/lexicon.yml's ordinals: 'seventeenth' and '17th' are '17th', 'twenty-first' '21st'."""
    from generator.analyse.lexicon import ordinal

    assert ordinal("seventeenth") == ordinal("17th") == ordinal("Seventeenth") == "17th"
    assert ordinal("twenty-first") == "21st" and ordinal("eleventh") == "11th" and ordinal("second") == "2nd"
    assert ordinal("17") is None and ordinal("round") is None and ordinal("1990s") is None

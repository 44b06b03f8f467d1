"""generator/grouping.py: the B-cubed score on the labelled story set's dev half (floor), and
the incremental grouping: a build that starts from the previous build's state gives the very
stories a grouping from scratch gives (an article added mid-range or newest, removed, changed;
the input shuffled), replaying only a few articles when the corpus is long."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from pathlib import Path

import pytest

from generator import grouping
from generator.errors import ConfigError
from generator.ingest import read_articles
from tests.conftest import ROOT

STORIES = ROOT / "tests" / "data" / "stories"
DEV_F1_FLOOR = 0.90  # measured 0.960 on the 70-article dev half (0.957 before a short-range salvo left the ICBM's story; 0.944 before a report of the forum left the meeting on its sidelines and a teaser lead gave its next paragraph's day; 0.926 before the day a lead says things happened on counted; 0.910 before a headline naming other participants made another meeting; 0.888 before evidence broke near ties and rare headline words counted; test half never tuned on)


@pytest.fixture(scope="module")
def labelled(labelled_stories):
    m, analysed = labelled_stories
    return m, list(analysed)


def _stories(articles, result) -> set[frozenset[str]]:
    return {frozenset(articles[i].article.id for i in members) for members in result.stories}


def _check_incremental(articles, k, state) -> None:
    """Article ``k`` added to, changed in and removed from a grouping kept in ``state``: each
    time the same stories as from scratch."""
    rest = articles[:k] + articles[k + 1:]
    state.unlink(missing_ok=True)
    grouping.group(rest, state)
    assert _stories(articles, grouping.group(articles, state)) == _stories(articles, grouping.group(articles)), k
    changed = articles[:]
    a = changed[k]
    changed[k] = replace(a, article=replace(a.article, title=a.article.title + " as talks begin",
                                            summary="Officials met in Geneva to begin talks."))
    assert _stories(changed, grouping.group(changed, state)) == _stories(changed, grouping.group(changed)), k
    assert _stories(rest, grouping.group(rest, state)) == _stories(rest, grouping.group(rest)), k


@pytest.mark.slow
def test_bcubed_on_the_dev_half_stays_above_its_floor(labelled):
    from generator import stories

    m, articles = labelled
    labels = m.load_labels(STORIES / "labels.yml")
    predicted = stories.group(articles)
    dev = [f for f in labels["articles"] if m.half_of(f) == "dev"]
    p, r, f1 = m.bcubed(predicted, labels["articles"], dev)
    assert f1 >= DEV_F1_FLOOR, (p, r, f1)
    flags = m.score_flags(stories.flags(articles, predicted), labels)["dev"]
    # 2 of the dev half's 3: the salvo's count (7 missiles to Seoul, 8 to Tokyo) was found only while
    # the salvo's reports sat in the ICBM's story; its second claim is in a test-half report
    assert flags["gold"] >= 3 and flags["found"] >= flags["gold"] - 1 and flags["false"] <= 1, flags


@pytest.mark.slow
def test_incremental_grouping_equals_grouping_from_scratch_on_the_labelled_set(labelled, tmp_path):
    _, articles = labelled
    dated = sorted((k for k, a in enumerate(articles) if a.article.date), key=lambda k: articles[k].article.date)
    undated = [k for k, a in enumerate(articles) if a.article.date is None]
    for k in (dated[len(dated) // 2], dated[-1], dated[0], undated[0]):  # mid-range, newest, oldest, undated
        _check_incremental(articles, k, tmp_path / "state.json")
    shuffled = articles[:]
    random.Random(1).shuffle(shuffled)
    assert _stories(shuffled, grouping.group(shuffled, tmp_path / "state.json")) == _stories(articles, grouping.group(articles))


@pytest.mark.slow
def test_incremental_grouping_of_a_long_corpus_replays_only_near_the_change(labelled, tmp_path, monkeypatch):
    """Five copies of the dated set, 35 days apart (as bench/stories_speed.py makes them), with a
    short view: an article added mid-range is decided with a few neighbours, not all again."""
    monkeypatch.setattr(grouping, "VIEW", 6)
    _, articles = labelled
    dated = [a for a in articles if a.article.date]
    corpus = [replace(a, article=replace(a.article, id=f"{a.article.id}-{c}", date=a.article.date + dt.timedelta(days=35 * c)))
              for c in range(5) for a in dated]
    order = sorted(range(len(corpus)), key=lambda k: (corpus[k].article.date, corpus[k].article.id))
    k = order[len(order) // 2]
    state = tmp_path / "state.json"
    grouping.group(corpus[:k] + corpus[k + 1:], state)
    warm = grouping.group(corpus, state)
    assert _stories(corpus, warm) == _stories(corpus, grouping.group(corpus))
    assert 0 < warm.decided < len(corpus) // 4, warm.decided
    assert grouping.group(corpus, state).decided == 0  # nothing changed: nothing decided


@pytest.mark.slow
def test_an_undated_article_added_to_a_long_corpus_reads_few_vectors(labelled, tmp_path, monkeypatch):
    """An undated article added (then another, then one removed) is decided against the kept
    term counts and story terms (``_Basis``): the vectors read are those of the stories it may
    join, not every article's, and the stories are those a grouping from scratch gives."""
    monkeypatch.setattr(grouping, "VIEW", 6)
    monkeypatch.setattr(grouping, "UNDATED_CANDIDATES", 5)  # a few of the stories, as 40 are of a large digest's
    _, articles = labelled
    dated = [a for a in articles if a.article.date]
    undated = [a for a in articles if a.article.date is None]
    corpus = [replace(a, article=replace(a.article, id=f"{a.article.id}-{c}", date=a.article.date + dt.timedelta(days=35 * c)))
              for c in range(5) for a in dated]
    state = tmp_path / "state.json"
    grouping.group(corpus, state)
    read: set[int] = set()
    getitem = grouping._Vectors.__getitem__

    def counted(self, i):
        read.add(i)
        return getitem(self, i)

    monkeypatch.setattr(grouping._Vectors, "__getitem__", counted)
    for step in (corpus + undated[:1], corpus + undated[:2], corpus + undated[1:2]):
        read.clear()
        warm = grouping.group(step, state)
        assert len(read) < len(step) // 6, (len(read), len(step))  # every vector, before the basis was kept
        assert _stories(step, warm) == _stories(step, grouping.group(step))


@pytest.mark.slow
def test_a_dated_article_added_beside_undated_ones_counts_few_stories_again(labelled, tmp_path, monkeypatch):
    """A dated article added mid-range to a long corpus with undated articles: the undated are
    decided again from the previous build's ranking of the dated stories (only the stories whose
    reports changed are counted again, not every story) and read only the stories close enough (a
    story's share in the article is kept): far fewer stories counted than there are, and the
    stories a grouping from scratch gives."""
    monkeypatch.setattr(grouping, "VIEW", 6)
    monkeypatch.setattr(grouping, "UNDATED_CANDIDATES", 5)
    _, articles = labelled
    dated = [a for a in articles if a.article.date]
    undated = [a for a in articles if a.article.date is None]
    corpus = [replace(a, article=replace(a.article, id=f"{a.article.id}-{c}", date=a.article.date + dt.timedelta(days=35 * c)))
              for c in range(5) for a in dated] + undated
    order = sorted((k for k in range(len(corpus)) if corpus[k].article.date), key=lambda k: (corpus[k].article.date, corpus[k].article.id))
    k = order[len(order) // 2]
    state = tmp_path / "state.json"
    grouping.group(corpus[:k] + corpus[k + 1:], state)
    read: set[str] = set()  # the dated stories whose key terms the undated articles are counted against
    make = grouping._undated_basis

    class Counted(dict):
        def __getitem__(self, key):
            read.add(key)
            return super().__getitem__(key)

    def counted(*args):
        basis = make(*args)
        basis.terms = Counted(basis.terms)
        return basis

    monkeypatch.setattr(grouping, "_undated_basis", counted)
    warm = grouping.group(corpus, state)
    monkeypatch.setattr(grouping, "_undated_basis", make)
    assert _stories(corpus, warm) == _stories(corpus, grouping.group(corpus))
    dated_stories = sum(1 for m in warm.stories if corpus[m[0]].article.date)
    assert len(read) < dated_stories // 4, (len(read), dated_stories)  # those whose reports changed, and those joined


@pytest.mark.slow
def test_a_damaged_ranking_of_the_undated_articles_is_not_used(labelled, tmp_path):
    """The previous build's ranking of the stories each undated article met (``_Basis.ranks``),
    damaged in the state: counted again from the stories' terms, the same stories as from scratch."""
    import json

    _, articles = labelled
    state = tmp_path / "state.json"
    grouping.group(articles, state)
    data = json.loads(state.read_text(encoding="utf-8"))
    assert data["ranks"]
    for entries in data["ranks"].values():
        for e in entries:
            e[1], e[3] = "many", {"missile": "far"}
    state.write_text(json.dumps(data), encoding="utf-8")
    dated = sorted((k for k, a in enumerate(articles) if a.article.date), key=lambda k: articles[k].article.date)
    k = dated[len(dated) // 2]
    rest = articles[:k] + articles[k + 1:]
    assert _stories(rest, grouping.group(rest, state)) == _stories(rest, grouping.group(rest))


@pytest.mark.slow
def test_incremental_grouping_equals_grouping_from_scratch_on_the_sample(analyser, tmp_path):
    articles = list(analyser.analyse(read_articles([str(ROOT / "examples" / "articles")]).articles))
    dated = sorted((k for k, a in enumerate(articles) if a.article.date), key=lambda k: articles[k].article.date)
    for k in (dated[len(dated) // 2], dated[-1]):
        _check_incremental(articles, k, tmp_path / "state.json")


def test_a_damaged_or_foreign_state_is_not_used(tmp_path, analyser):
    from tests.test_stories import CASES

    articles = list(analyser.analyse(CASES))
    state = tmp_path / "state.json"
    cold = grouping.group(articles)
    assert grouping.group(articles, state).decided == len(articles)
    assert grouping.group(articles, state).decided == 0  # the state is used
    assert grouping.group(articles, state, salt="another analysis").decided == len(articles)
    state.write_text('{"version": 1, "keys": ["x"], "founders": [3]', encoding="utf-8")  # cut short
    warm = grouping.group(articles, state)
    assert warm.decided == len(articles) and _stories(articles, warm) == _stories(articles, cold)


@pytest.mark.slow
def test_the_sample_groups_reports_of_one_event_and_keeps_look_alike_events_apart(analyser):
    """examples/articles: the two reports of Ukraine's first clashes in Kursk, the two of Biden and
    Xi in Lima and the three of the G20 in Rio are stories; APEC in Lima and the G20 two days
    later, Beijing's silence (30 October) and Choe's talks with Lavrov (1 November), China's
    briefing of 5 November and the allies' reactions to Trump's win (7 November) are not."""
    read = read_articles(sorted(str(p) for p in (ROOT / "examples" / "articles").iterdir()))
    articles = list(analyser.analyse(read.articles))
    found = {frozenset(" ".join(articles[i].article.title.split()[:3]) for i in m)
             for m in grouping.group(articles).stories if len(m) > 1}
    assert found == {
        frozenset({"Ukraine reports first", "Umerov says first"}),
        frozenset({"Xi sets out", "Biden and Xi"}),
        frozenset({"Scholz presses Xi", "G20 leaders in", "Rio summit ends"}),
    }, found


def test_a_lead_naming_another_place_or_meeting_is_another_event():
    lead = grouping.Lead(frozenset({"G20", "Xi Jinping"}), frozenset({"G20"}), frozenset(), frozenset())
    apec = grouping._Draft(0, [], None, None)
    apec.add(0, dt.date(2024, 11, 17), {"xi": 1.0}, grouping.Lead(frozenset({"APEC", "Xi Jinping"}), frozenset({"APEC"}),
                                                                   frozenset(), frozenset()))
    assert lead.venues and apec.venues and not lead.venues & apec.venues


def test_an_undated_report_naming_a_weekday_meets_only_stories_reported_near_such_a_day():
    launch = grouping._Draft(0, [], None, None)  # Thursday 31 October to Sunday 3 November 2024
    for k, day in enumerate((31, 1, 3)):
        launch.add(k, dt.date(2024, 10 if day == 31 else 11, day), {"missile": 1.0},
                   grouping.Lead(frozenset(), frozenset(), frozenset(), frozenset()))
    assert not grouping._has_weekday(launch, frozenset({1}))  # "on Tuesday": another event
    assert grouping._has_weekday(launch, frozenset({4})) and grouping._has_weekday(launch, frozenset({0}))  # Friday; Monday 4th


def _raw(n: int, title: str, date: dt.date | None, source: str, *paragraphs: str):
    from generator.model import RawArticle

    return RawArticle(path=f"rule/{n}.md", id=f"rule{n:03d}", title=title, date=date, source=source, url=None,
                      summary=paragraphs[0], paragraphs=tuple(paragraphs[1:]), format="markdown")


def _together(articles) -> set[frozenset[str]]:
    return {frozenset(articles[i].article.id for i in m) for m in grouping.group(articles).stories}


def test_an_organisation_named_as_a_persons_post_is_no_venue(analyser):
    """'Communist Party leader Xi Jinping' says who Xi is, not where the event is: the party is
    no venue (a venue keeps a report from a story with other venues); 'the APEC summit' is one."""
    [a] = analyser.analyse([_raw(1, "Trump and Xi agree trade truce", dt.date(2025, 10, 30), "wire-a.example",
                                 "US President Donald Trump and Chinese Communist Party leader Xi Jinping agreed to "
                                 "cut tariffs at their meeting on the sidelines of the APEC summit.",
                                 "They also discussed peace on the Korean Peninsula and the fighting in Russia's Kursk region.")])
    lead = grouping.lead_of(a)
    assert {"Chinese Communist Party", "APEC", "Korean Peninsula", "Kursk"} <= lead.actors, lead
    assert "Chinese Communist Party" not in lead.venues and "APEC" in lead.venues, lead
    assert "Kursk" in lead.venues, lead


def test_a_pair_written_as_one_in_a_headline_names_both_persons(analyser):
    """'Lee-Trump summit': the model may read the pair as a person of its own; the headline names
    the two persons the article names."""
    from generator.model import Mention

    known = {"Donald Trump", "Lee Jae-myung", "Xi Jinping"}
    pair = [Mention("Lee-Trump", "Lee-Trump", 0, 9, 0)]
    assert grouping._title_persons(pair, known) == {"Donald Trump", "Lee Jae-myung"}
    assert grouping._title_persons([Mention("Xi Jinping", "Xi", 0, 2, 0)], known) == {"Xi Jinping"}
    assert grouping._title_persons([Mention("Moon-Park", "Moon-Park", 0, 9, 0)], known) == set()  # no such persons
    [a] = analyser.analyse([_raw(2, "Lee-Trump summit: South Korea's $350 billion investment takes shape", dt.date(2025, 10, 29),
                                 "wire-a.example",
                                 "SEOUL, South Korea — Details are still scarce, but President Trump and South Korean "
                                 "President Lee Jae-myung have touted a tentative deal to boost South Korean investment "
                                 "in the U.S. and lower American tariffs on Korean cars.")])
    assert grouping.lead_of(a).title_persons == {"Donald Trump", "Lee Jae-myung"}


MEETINGS = [
    _raw(11, "Trump and Xi agree to cut tariffs at Busan meeting", dt.date(2025, 10, 30), "wire-a.example",
         "US President Donald Trump and Chinese President Xi Jinping agreed on Thursday to cut tariffs on Chinese goods "
         "at a meeting on the sidelines of the APEC summit in South Korea.",
         "Trump said tariffs would fall to 47% from 57% as China resumes soybean purchases and pauses rare earth curbs.",
         "Xi told Trump that the two countries should be partners and friends."),
    _raw(12, "Trump says meeting with Xi was amazing as tariffs are cut", dt.date(2025, 10, 30), "daily-b.example",
         "Donald Trump said his talks with Xi Jinping at the APEC summit in South Korea were an amazing meeting.",
         "The United States will cut tariffs on Chinese imports to 47% and China will buy soybeans, Trump said.",
         "Xi said China and the United States should cooperate on trade."),
    _raw(13, "Lee and Xi hold first summit, agree to deepen ties", dt.date(2025, 11, 1), "seoul-c.example",
         "South Korean President Lee Jae-myung and Chinese President Xi Jinping held their first summit on Saturday "
         "on the sidelines of the APEC summit in South Korea.",
         "Xi said China and South Korea should be partners and friends and deepen trade and cooperation.",
         "Lee asked Xi to help resume dialogue with North Korea; the two sides renewed a currency swap."),
]


def test_a_headline_naming_other_participants_is_another_meeting(analyser, monkeypatch):
    """Lee and Xi's summit two days after Trump and Xi's meeting, at the same forum, in like
    words: a headline naming two persons (a meeting) whose lead leaves out a person the story's
    headlines name (Trump) is another event. Without the rule the two meetings are one story."""
    articles = list(analyser.analyse(MEETINGS))
    assert grouping.lead_of(articles[2]).title_persons == {"Lee Jae-myung", "Xi Jinping"}
    assert _together(articles) == {frozenset({"rule011", "rule012"}), frozenset({"rule013"})}
    monkeypatch.setattr(grouping, "_meets_others", lambda lead, story: False)
    assert _together(articles) == {frozenset({"rule011", "rule012", "rule013"})}


def test_a_headline_naming_the_storys_participants_and_another_stays_in_the_story():
    story = grouping._Draft(0, [], None, None)
    for k in range(2):
        story.add(k, dt.date(2025, 10, 30), {"tariffs": 1.0},
                  grouping.Lead(frozenset({"Donald Trump", "Xi Jinping"}), frozenset(), frozenset(), frozenset(),
                                title_persons=frozenset({"Donald Trump", "Xi Jinping"})))

    def lead(title, named):
        return grouping.Lead(frozenset(named), frozenset(), frozenset(), frozenset(), title_persons=frozenset(title))
    assert not grouping._meets_others(lead({"Scott Bessent", "Xi Jinping"}, {"Scott Bessent", "Xi Jinping", "Donald Trump"}), story)
    assert not grouping._meets_others(lead({"Xi Jinping"}, {"Xi Jinping"}), story)  # one person: no meeting
    assert grouping._meets_others(lead({"Lee Jae-myung", "Xi Jinping"}, {"Lee Jae-myung", "Xi Jinping"}), story)


def test_the_days_a_lead_names():
    a = _raw(21, "As tariffs kick in, officials talk", None, "x.example",
             "The duties took effect on Wednesday, i.e., August 27, as the notice of Aug. 26, 2025 said.",
             "Talks may 10 times fail, officials said, and a further tariff starts from October 1; "  # lower case: no month
             "it is the first since July 30.",  # a deadline and an earlier event: not the day reported
             "On 3 September 2024 the talks began.")  # after the lead's first paragraph: background
    assert grouping.dates_named(_Only(a)) == {(8, 27, None), (8, 26, 2025)}
    effect = grouping._Draft(0, [], None, None)
    effect.add(0, dt.date(2025, 8, 26), {}, grouping.Lead(frozenset(), frozenset(), frozenset(), frozenset()))
    announced = grouping._Draft(1, [], None, None)
    announced.add(1, dt.date(2025, 8, 6), {}, grouping.Lead(frozenset(), frozenset(), frozenset(), frozenset()))
    assert grouping._has_date(effect, frozenset({(8, 27, None)})) and not grouping._has_date(announced, frozenset({(8, 27, None)}))
    assert not grouping._has_date(effect, frozenset({(8, 27, 2024)}))  # another year


class _Only:
    """Just the article: ``dates_named`` reads no analysis."""

    def __init__(self, article):
        self.article = article


class _Analysed(_Only):
    """The article, with no actors and no figures found in it."""

    actors = figures = ()


TARIFFS = [
    _raw(31, "US doubles tariff on Indian goods to 50% over Russian oil", dt.date(2025, 8, 6), "wire-a.example",
         "President Donald Trump signed an order adding a 25% tariff on Indian goods over India's purchases of Russian oil, "
         "bringing the total to 50%.",
         "The extra duty takes effect in 21 days. India called the move unfair and unjustified."),
    _raw(32, "India condemns Trump's 50% tariff as unfair", dt.date(2025, 8, 7), "delhi-b.example",
         "India said the 50% tariff announced by Donald Trump over its Russian oil purchases was unfair and unjustified.",
         "New Delhi said it would protect the interests of its farmers and exporters."),
    _raw(33, "50% US tariff on Indian goods takes effect", dt.date(2025, 8, 27), "wire-a.example",
         "The 50% tariff on Indian goods ordered by Donald Trump over India's purchases of Russian oil took effect on Wednesday.",
         "Exporters of textiles, jewellery and shrimp said orders had been cancelled."),
    _raw(34, "US customs confirms 50% duty on India from Wednesday", dt.date(2025, 8, 26), "delhi-b.example",
         "US Customs and Border Protection published a notice confirming the 50% tariff on Indian goods from Wednesday.",
         "Goods already in transit will pay the old rate until September 17."),
    _raw(35, "Trump's aide speaks as 50% tariffs on India kick in", None, "mumbai-e.example",
         "As Donald Trump's 50% tariffs on Indian goods over Russian oil came into effect on Wednesday, August 27, "
         "Treasury Secretary Scott Bessent said relations with India were complicated.",
         "India called the tariffs unfair and unjustified and said it would protect its farmers."),
]


def test_an_undated_report_naming_a_day_meets_only_stories_reported_near_that_day(analyser, monkeypatch):
    """The announcement (6-7 August) and the duty taking effect (26-27 August) are two stories;
    an undated report whose lead says 'on Wednesday, August 27' joins the second, though its
    words are as close to the first."""
    articles = list(analyser.analyse(TARIFFS))
    assert _together(articles) == {frozenset({"rule031", "rule032"}), frozenset({"rule033", "rule034", "rule035"})}
    monkeypatch.setattr(grouping, "dates_named", lambda a: frozenset())
    assert frozenset({"rule031", "rule032", "rule035"}) in _together(articles)


def test_the_days_a_lead_says_things_happened_on():
    """The day of the event, resolved against the report's date: a weekday is the latest such day
    up to it, a date the latest such day up to the day after it. Not the day a source spoke on
    (unless the lead names no other), nor a deadline or what is to come."""
    def days(date, *paragraphs):
        happened = grouping._happening(_Only(_raw(60, "Launch", date, "x.example", *paragraphs)))
        return [sorted(dt.date.fromordinal(o) for o in found) for found in happened]

    sunday = dt.date(2026, 1, 25)
    assert days(sunday, "North Korea fired cruise missiles on Saturday, state media said on Sunday.") == [[dt.date(2026, 1, 24)], []]
    assert days(sunday, "The military said on Sunday that missiles were fired.") == [[sunday], []]  # no other day
    assert days(sunday, "Tariffs take effect on Thursday and talks will be held on Friday.") == [[], []]
    assert days(dt.date(2026, 1, 2), "On December 30, the ministry announced the curbs.") == [[dt.date(2025, 12, 30)]] * 2
    assert days(dt.date(2026, 4, 23), "On April 15, the Treasury sanctioned three firms; late Monday it added two.",
                ) == [[dt.date(2026, 4, 15), dt.date(2026, 4, 20)], [dt.date(2026, 4, 15)]]
    assert days(None, "Missiles were fired on Saturday.") == [[], []]  # an undated report: no day to resolve against
    assert grouping.happened_weekdays(_Only(_raw(61, "Launch", None, "x.example", "Missiles were fired on Saturday, "
                                                 "the agency said on Sunday."))) == {5}


LAUNCH = [  # invented reports of one launch: the state that fired it, the military that tracked it
    _raw(41, "Kim watches submarine fire strategic cruise missiles", dt.date(2026, 3, 13), "pyongyang-a.example",
         "Kim Jong Un watched a submarine fire two strategic cruise missiles off the east coast on Thursday, the state news "
         "agency reported on Friday, hailing the launch as proof that the navy can strike from under the sea.",
         "The missiles flew for 7,800 seconds along elliptical routes before hitting an island target 1,800 km away, it said.",
         "Kim ordered the shipyard to finish a second submarine of the class by the autumn."),
    _raw(42, "JCS says it spotted cruise missiles, shares data with Tokyo and Washington", dt.date(2026, 3, 13), "seoul-b.example",
         "SEOUL — The Joint Chiefs of Staff said on Friday that South Korea's military had spotted what appeared to be "
         "cruise missiles fired from waters near the port of Sinpo late Thursday, and was sharing data with Tokyo and Washington.",
         "Officials gave no range and declined to say whether a submarine was involved.",
         "Cruise missiles, unlike ballistic ones, are not barred by UN resolutions."),
    _raw(43, "North Korea fires cruise missiles into Yellow Sea, Seoul says", dt.date(2026, 3, 27), "seoul-b.example",
         "North Korea fired several cruise missiles into the Yellow Sea early Friday, South Korea's Joint Chiefs of Staff said, "
         "two weeks after a submarine launch off its east coast.",
         "The missiles flew for about two hours, the JCS said, without giving a range.",
         "Japan said none had landed in its waters."),
    _raw(44, "Pyongyang's cruise missile tests point to a naval push, analysts say", None, "review-c.example",
         "North Korea fired cruise missiles from a submarine on Thursday, the latest sign that Kim Jong Un wants "
         "a navy that can strike from the sea, analysts in Seoul said.",
         "The missiles flew for about two hours, according to the JCS, a range analysts put at 1,500 km or more.",
         "Japan said none had landed in its waters."),
]

ENGINES = [  # invented: a sanctions decision, its reports, a rewrite a week later, an undated feature
    _raw(51, "US sanctions Chinese makers of drone engines used in Russian strikes", dt.date(2026, 4, 15), "wire-a.example",
         "The US Treasury on Wednesday sanctioned three Chinese companies that it said made engines and navigation parts "
         "for the long-range attack drones Russia fires at Ukrainian cities.",
         "The companies shipped more than 2,000 engines to a plant in Tatarstan last year, the Treasury said.",
         "China's foreign ministry said it firmly opposed unilateral sanctions."),
    _raw(52, "Treasury targets Chinese drone engine suppliers to Russia", dt.date(2026, 4, 16), "daily-b.example",
         "Washington has blacklisted three Chinese firms over engines for Russian attack drones, the Treasury Department "
         "said on Wednesday, in its first such action this year.",
         "Officials said the engines powered drones that struck Kyiv and Odesa in March.",
         "Beijing called the sanctions illegal."),
    _raw(53, "How three Chinese engine makers kept Russia's drone war going", dt.date(2026, 4, 23), "weekly-c.example",
         "On April 15, the US Treasury sanctioned three Chinese companies for supplying engines to the makers of "
         "Russia's long-range attack drones.",
         "A look at shipping records shows the engines travelled through Kazakhstan before reaching Tatarstan.",
         "Analysts said the sanctions would slow but not stop the supply."),
    _raw(54, "Small engine makers in Chinese drone hub weigh the cost of a US blacklist", None, "asia-d.example",
         "In the workshops of Zhuzhou, managers of small aircraft engine makers say a US blacklist will cost them buyers in Europe.",
         "Three local firms were named this month over engines for drones used against Ukraine; others fear they are next.",
         "The city has courted drone makers with cheap land and tax breaks since 2021."),
]


@pytest.fixture(scope="module")
def among_labelled(labelled, analyser):
    """The invented reports among the labelled set's articles (their words weigh as in a digest)."""
    _, articles = labelled
    return articles + list(analyser.analyse(LAUNCH + ENGINES))


def _invented(articles) -> set[frozenset[str]]:
    return {s for s in _together(articles) if any(i.startswith("rule") for i in s)}


@pytest.mark.slow
def test_the_state_that_fired_and_the_military_that_tracked_report_one_launch(among_labelled, monkeypatch):
    """Few words in common (figures on one side, none on the other), but both leads say the
    missiles flew on Thursday and both headlines say 'cruise': one story, from a lower similarity.
    An undated analysis of 'the launch on Thursday' joins it, though its words are closer to the
    launch of a Friday two weeks later."""
    launch = frozenset({"rule041", "rule042", "rule044"})
    assert {launch, frozenset({"rule043"})} <= _invented(among_labelled)
    monkeypatch.setattr(grouping, "happened_weekdays", lambda a: frozenset())  # no day for the undated
    assert {frozenset({"rule041", "rule042"}), frozenset({"rule043", "rule044"})} <= _invented(among_labelled)
    monkeypatch.setattr(grouping, "_same_day", lambda *args: False)
    assert {frozenset({"rule041"}), frozenset({"rule042"})} <= _invented(among_labelled)


@pytest.mark.slow
def test_a_rewrite_a_week_later_giving_the_events_date_joins_its_story(among_labelled, monkeypatch, tmp_path):
    """'On April 15, the US Treasury sanctioned...' eight days after the sanctions: a follow-up,
    past the window, joins; so does an undated feature whose headline shares two event words with
    one of the story's ('engine makers'). The incremental grouping gives the same stories."""
    engines = frozenset({"rule051", "rule052", "rule053", "rule054"})
    assert engines in _invented(among_labelled)
    for k, a in enumerate(among_labelled):
        if a.article.id in ("rule053", "rule054"):
            _check_incremental(among_labelled, k, tmp_path / "state.json")
    monkeypatch.setattr(grouping, "JOIN_UNDATED_HEADLINE", 1.0)
    assert {engines - {"rule054"}, frozenset({"rule054"})} <= _invented(among_labelled)
    monkeypatch.setattr(grouping, "_happening", lambda a, teaser=True: (frozenset(), frozenset()))
    assert frozenset({"rule053"}) in _invented(among_labelled)


FORUM = [  # invented: two leaders meet on the eve of a summit; the summit's declaration the next day
    _raw(71, "Modi and Xi agree to be partners on eve of SCO summit in Tianjin", dt.date(2025, 8, 31), "delhi-a.example",
         "Indian Prime Minister Narendra Modi and Chinese President Xi Jinping met in Tianjin on Sunday on the sidelines of "
         "the Shanghai Cooperation Organisation summit and agreed that India and China are partners, not rivals.",
         "The two leaders discussed border trade, direct flights and the summit's agenda, officials said."),
    _raw(72, "Modi, Xi meet in Tianjin ahead of SCO summit", dt.date(2025, 8, 31), "wire-b.example",
         "Narendra Modi held talks with Xi Jinping in Tianjin on Sunday, on the sidelines of the Shanghai Cooperation "
         "Organisation summit, as New Delhi and Beijing seek to mend ties.",
         "Modi said peace on the border was the basis of the relationship between India and China."),
    _raw(73, "SCO leaders adopt Tianjin declaration as Xi proposes development bank", dt.date(2025, 9, 1), "beijing-c.example",
         "Leaders of the Shanghai Cooperation Organisation adopted the Tianjin declaration on Monday after Chinese President "
         "Xi Jinping proposed a development bank for the bloc at the summit in Tianjin.",
         "Xi said the bank would help members trade and build roads, railways and ports, and the summit's agenda was met."),
]


def test_a_report_of_the_forum_is_not_the_meeting_held_on_its_sidelines(analyser, monkeypatch):
    """Modi and Xi meet on the eve of the SCO summit; the next day the summit adopts its
    declaration and Xi proposes a bank: the report of the summit names the forum and Xi but not
    Modi, so it tells of the forum, not of the meeting. Without the rule the two are one story."""
    articles = list(analyser.analyse(FORUM))
    assert grouping.lead_of(articles[2]).title_persons == {"Xi Jinping"}
    assert _together(articles) == {frozenset({"rule071", "rule072"}), frozenset({"rule073"})}
    monkeypatch.setattr(grouping, "_meets_others", lambda lead, story: False)
    assert _together(articles) == {frozenset({"rule071", "rule072", "rule073"})}


def _meeting(*heads: frozenset[str], venues=frozenset()) -> grouping._Draft:
    story = grouping._Draft(0, [], None, None)
    for k, persons in enumerate(heads):
        story.add(k, dt.date(2025, 10, 29), {"summit": 1.0},
                  grouping.Lead(frozenset(persons), frozenset(venues), frozenset(), frozenset(), title_persons=frozenset(persons)))
    return story


def _lead(title, named, venues=()):
    return grouping.Lead(frozenset(named), frozenset(venues), frozenset(), frozenset(), title_persons=frozenset(title))


def test_one_person_of_a_meeting_and_no_forum_stays_in_the_meeting():
    """A report naming one of the meeting's persons stays in it unless its lead names the forum the
    meeting was held at and leaves out the other ('President Lee: Korea and China restore ties',
    three days after Lee met Xi, is the meeting's)."""
    meeting = _meeting({"Lee Jae-myung", "Xi Jinping"}, venues={"APEC"})
    assert not grouping._meets_others(_lead({"Lee Jae-myung"}, {"Lee Jae-myung"}), meeting)
    assert grouping._meets_others(_lead({"Xi Jinping"}, {"Xi Jinping", "APEC"}, {"APEC"}), meeting)
    assert not grouping._meets_others(_lead({"Xi Jinping"}, {"Xi Jinping", "Lee Jae-myung", "APEC"}, {"APEC"}), meeting)
    assert not grouping._meets_others(_lead({"Xi Jinping"}, {"Xi Jinping", "APEC"}, {"APEC"}), _meeting({"Xi Jinping"}, venues={"APEC"}))


def test_a_name_spelt_otherwise_is_the_person():
    """'Li Jae Myung' in a report is Lee Jae-myung: a headline naming Trump and Xi whose lead names
    him so does not leave out the Lee-Trump meeting's Lee."""
    assert grouping._same_person("Li Jae Myung", "Lee Jae-myung") and grouping._same_person("Kim Jong Un", "Kim Jong-un")
    assert not grouping._same_person("Kim Yo Jong", "Kim Jong Un") and not grouping._same_person("Joe Biden", "Joe Bidan")
    meeting = _meeting({"Donald Trump", "Lee Jae-myung"}, {"Donald Trump", "Lee Jae-myung"})
    assert not grouping._meets_others(_lead({"Donald Trump", "Xi Jinping"}, {"Donald Trump", "Xi Jinping", "Li Jae Myung"}), meeting)
    assert grouping._meets_others(_lead({"Donald Trump", "Xi Jinping"}, {"Donald Trump", "Xi Jinping"}), meeting)


def test_a_headline_naming_the_meetings_persons_is_the_meeting():
    """An undated report whose headline names two persons, each named by half the story's headlines
    or more ('Presidents Lee and Trump agree to follow-up consultations'), tells of the meeting."""
    meeting = _meeting({"Donald Trump", "Lee Jae-myung"}, {"Donald Trump", "Lee Jae-myung"}, set(), {"Donald Trump", "Xi Jinping"})
    assert grouping._same_meeting(_lead({"Lee Jae-myung", "Donald Trump"}, {"Lee Jae-myung", "Donald Trump"}), meeting)
    assert not grouping._same_meeting(_lead({"Xi Jinping", "Donald Trump"}, {"Xi Jinping", "Donald Trump"}), meeting)
    assert not grouping._same_meeting(_lead({"Lee Jae-myung"}, {"Lee Jae-myung"}), meeting)  # one person: no meeting


def test_words_relative_to_a_reports_date_and_a_teasers_next_paragraph_name_the_day():
    """'Overnight', 'today' are the report's date, 'yesterday' the day before, not what is to come;
    a lead naming no day (a teaser) gives the day its second paragraph names, but not to a
    story's days (``teaser=False``)."""
    def days(date, *paragraphs, teaser=True):
        return [sorted(dt.date.fromordinal(o) for o in found)
                for found in grouping._happening(_Only(_raw(62, "Strike", date, "x.example", *paragraphs)), teaser)]

    thursday = dt.date(2025, 7, 31)
    assert days(thursday, "Russian drones and missiles struck Kyiv overnight, officials said.") == [[thursday], []]
    assert days(thursday, "Drones hit the port yesterday.") == [[dt.date(2025, 7, 30)], []]
    assert days(thursday, "The new duties take effect today and the leaders will meet tonight.") == [[], []]
    teaser = ("", "Footage shows North Korea launching what it calls the world's strongest missile.",  # no summary
              "The missile was test-launched on Thursday (31 October), officials said.")
    sunday = dt.date(2024, 11, 3)
    assert days(sunday, *teaser) == [[dt.date(2024, 10, 31)]] * 2
    assert days(sunday, *teaser, teaser=False) == [[], []]


def test_a_report_dating_its_event_within_a_storys_days_is_a_follow_up():
    """'On 23 October 2025, the Council adopted its 19th package' four days later: a follow-up of
    the story first reported on 23 October, though its leads name no day; not one of 30 October."""
    story = grouping._Draft(0, [0], dt.date(2025, 10, 23), dt.date(2025, 10, 23))
    day = dt.date(2025, 10, 23).toordinal()
    assert grouping._follows_up(story, dt.date(2025, 10, 27), frozenset({day}), None)
    assert not grouping._follows_up(story, dt.date(2025, 10, 27), frozenset({day + 7}), None)
    assert not grouping._follows_up(story, dt.date(2025, 11, 5), frozenset({day}), None)  # past FOLLOW_UP_DAYS


def test_a_late_night_weekday_is_the_next_day_or_the_one_before_elsewhere():
    """'late Tuesday' in one time zone is 'early Wednesday' in another: an undated report of the
    strikes 'late Tuesday' meets a story whose leads say 'early on Wednesday'."""
    def happened(text):
        return grouping.happened_weekdays(_Only(_raw(110, "Strikes", None, "x.example", text)))

    assert happened("India on late Tuesday said it fired missiles.") == {1, 2}
    assert happened("The strikes came early on Wednesday.") == happened("Missiles hit early Wednesday.") == {2, 1}
    assert happened("The missiles flew on Tuesday.") == {1}


def test_a_deadline_at_midnight_is_not_the_day_reported():
    a = _raw(111, "China to impose 34% tariff", None, "x.example",
             "China said it would impose a 34 percent tariff on all US goods starting from midnight on April 10, "
             "and another levy from 12:01 a.m. on May 2.")
    assert grouping.dates_named(_Only(a)) == frozenset()


def test_the_kinds_of_happening_a_headline_names(tmp_path, monkeypatch):
    def kinds(title):
        return grouping.happening_kinds(_Only(_raw(112, title, None, "x.example", "Text.")))

    assert kinds("Trump announces Israel-Iran ceasefire") == {"ceasefire"}
    assert kinds("US strikes three Iranian nuclear sites") == {"attack"}
    assert kinds("Ceasefire announced amid ongoing missile strikes") == {"ceasefire", "attack"}
    assert kinds("Leaders meet in Geneva") == frozenset()
    bad = tmp_path / "happenings.yml"
    bad.write_text("exclusive:\n  - id: truce\n    words: [truce]\n  - id: attack\n    words: [truce, strike]\n  - words: [x]\n",
                   encoding="utf-8")
    monkeypatch.setattr(grouping, "HAPPENINGS", bad)
    grouping._families.cache_clear()
    try:
        with pytest.raises(ConfigError) as err:
            kinds("A truce")
    finally:
        grouping._families.cache_clear()
    assert ":4: 'truce' names two kinds" in str(err.value) and ":6: a kind needs an 'id'" in str(err.value), str(err.value)


CEASEFIRE = [  # invented: strikes on a Monday, a ceasefire brokered the next day, same actors and place
    _raw(81, "Azerbaijan strikes Armenian border posts, Yerevan says", dt.date(2025, 3, 10), "caucasus-a.example",
         "Azerbaijani forces struck Armenian border posts near Jermuk with drones and artillery on Monday, Armenia's defence "
         "ministry said, in the heaviest fighting between the neighbours in two years.",
         "Yerevan said two soldiers were killed. Baku said it had answered Armenian fire. Russia and the European Union urged restraint."),
    _raw(82, "Armenia says Azerbaijani strikes kill two soldiers near Jermuk", dt.date(2025, 3, 10), "wire-b.example",
         "Armenia said Azerbaijani drone and artillery strikes on its border posts near Jermuk killed two soldiers on Monday.",
         "Azerbaijan's defence ministry said its forces had answered fire from Armenian positions. Russia and the European Union "
         "urged both sides to show restraint."),
    _raw(83, "Armenia and Azerbaijan agree to ceasefire on border, Russia says", dt.date(2025, 3, 11), "moscow-c.example",
         "Armenia and Azerbaijan agreed to a ceasefire on their border near Jermuk from Tuesday morning, Russia's foreign ministry "
         "said, after a day of fighting in which Armenia said two soldiers were killed.",
         "Yerevan and Baku confirmed the truce. The European Union welcomed it and urged both sides to show restraint."),
    _raw(84, "Armenian, Azerbaijani officials confirm truce after Russian mediation", dt.date(2025, 3, 11), "caucasus-a.example",
         "Armenian and Azerbaijani officials confirmed on Tuesday that a ceasefire brokered by Russia was holding on the border near Jermuk.",
         "Armenia's defence ministry said the situation was calm. Azerbaijan said its forces would answer any fire."),
]

FOUNDING = [  # invented: a dated report of air strikes and three undated ones, the first of them least like it
    _raw(101, "Thai jets strike Cambodian military sites as border clash escalates", dt.date(2025, 7, 24), "bangkok-a.example",
         "Thailand's air force struck two Cambodian military sites with F-16 jets on Thursday, the Thai army said, as fighting on "
         "the disputed border spread to six areas.",
         "Cambodia's defence ministry said the strikes hit a road near the Preah Vihear temple. Both sides accused the other of "
         "firing first."),
    _raw(102, "Bangkok confirms air raid, claims two targets destroyed", None, "ankara-d.example",
         "Bangkok said it sent warplanes against positions across the frontier after rockets fell on a village in Surin province, "
         "killing civilians.",
         "A Thai army spokesman said two targets had been destroyed. Phnom Penh called the raid brutal aggression and said it "
         "would defend its territory.",
         "The neighbours have argued over the border since a soldier was killed in May."),
    _raw(103, "Thailand strikes Cambodian military targets with F-16s", None, "wire-e.example",
         "Thailand's air force struck Cambodian military targets with F-16 jets after rockets hit a village in Surin province, the "
         "Thai army said, as fighting spread along the disputed border.",
         "Cambodia's defence ministry said the strikes hit a road near the Preah Vihear temple and called the raid brutal aggression."),
    _raw(104, "Thai F-16s hit Cambodian sites near Preah Vihear temple", None, "phnom-f.example",
         "Thai F-16 jets struck Cambodian military sites near the Preah Vihear temple, Cambodia's defence ministry said, calling "
         "the raid brutal aggression, after rockets fell on a village in Surin province.",
         "The Thai army said two targets were destroyed as fighting spread along the disputed border."),
]


@pytest.fixture(scope="module")
def among_labelled_too(labelled, analyser):
    """The invented strikes, ceasefire and undated reports among the labelled set's articles."""
    _, articles = labelled
    return articles + list(analyser.analyse(CEASEFIRE + FOUNDING))


@pytest.mark.slow
def test_a_ceasefire_the_day_after_the_strikes_is_another_story(among_labelled_too, monkeypatch):
    """Same neighbours, same border town, a day apart, many words in common: the reports whose
    headlines name a ceasefire are not the story of those whose headlines name strikes."""
    assert {frozenset({"rule081", "rule082"}), frozenset({"rule083", "rule084"})} <= _invented(among_labelled_too)
    monkeypatch.setattr(grouping, "happening_kinds", lambda a: frozenset())
    assert frozenset({"rule081", "rule082", "rule083", "rule084"}) in _invented(among_labelled_too)


@pytest.mark.slow
def test_an_undated_report_starts_a_story_only_when_no_story_takes_it(among_labelled_too, tmp_path):
    """The first undated report (by id) is just below the threshold of the dated story; the two
    others join it: then so does the first, instead of starting a story beside it. The
    incremental grouping gives the same stories."""
    assert frozenset({"rule101", "rule102", "rule103", "rule104"}) in _invented(among_labelled_too)
    for k, a in enumerate(among_labelled_too):
        if a.article.id in ("rule102", "rule101"):
            _check_incremental(among_labelled_too, k, tmp_path / "state.json")


def test_the_kinds_of_missile_a_text_names():
    assert grouping.weapon_kinds("North Korea fires short-range ballistic missiles") == {"short-range"}
    assert grouping.weapon_kinds("Pyongyang tests new ICBM, Tokyo says") == {"intercontinental"}
    assert grouping.weapon_kinds("Seoul says the intercontinental missile flew after a cruise missile drill") == {
        "intercontinental", "cruise"}
    assert grouping.weapon_kinds("North Korea tests hypersonic ballistic missile") == frozenset()  # no range named


SALVO = [  # invented: an ICBM launch, the allies' answer three days later, a short-range salvo two days after that
    _raw(121, "North Korea fires ICBM on its highest trajectory yet, Tokyo says", dt.date(2026, 5, 7), "tokyo-a.example",
         "North Korea fired an intercontinental ballistic missile on Thursday that flew for 80 minutes and reached an altitude "
         "of 6,500 km before falling into the sea west of Hokkaido, Japan's defence ministry said.",
         "Tokyo lodged a protest through diplomatic channels in Beijing. Washington called the launch a flagrant violation "
         "of UN resolutions."),
    _raw(122, "Pyongyang hails test of new Hwasong-21 ICBM watched by Kim", dt.date(2026, 5, 8), "pyongyang-b.example",
         "State media said on Friday that Kim Jong Un had watched Thursday's test of the Hwasong-21, a new intercontinental "
         "ballistic missile that it called the strongest strategic weapon in the world.",
         "The missile flew 1,050 km at an altitude of 6,600 km before falling into the sea west of Hokkaido, the agency said. "
         "Japan said it had flown for 80 minutes."),
    _raw(123, "Allies fly B-1B bomber after North Korea's ICBM launch", dt.date(2026, 5, 10), "seoul-c.example",
         "The United States, South Korea and Japan flew a B-1B bomber with fighter jets over the sea south of Jeju on "
         "Sunday in answer to North Korea's launch of the Hwasong-21 intercontinental ballistic missile on Thursday.",
         "Seoul's defence ministry said the drill showed the allies' resolve to answer any provocation."),
    _raw(124, "North Korea fires short-range missiles toward the East Sea, Seoul says", dt.date(2026, 5, 12), "seoul-c.example",
         "North Korea fired several short-range ballistic missiles toward the East Sea on Tuesday, South Korea's Joint Chiefs "
         "of Staff said, adding that they flew about 400 km.",
         "The launch came five days after the North tested the Hwasong-21 intercontinental ballistic missile, which flew "
         "for 80 minutes and reached an altitude of 6,500 km, and two days after an allied drill with a B-1B bomber.",
         "Japan's defence ministry said the missiles fell outside its exclusive economic zone."),
    _raw(125, "Japan says North Korean missiles fell outside its waters", dt.date(2026, 5, 12), "tokyo-a.example",
         "North Korea fired short-range ballistic missiles on Tuesday that fell outside Japan's exclusive economic zone, "
         "Japan's defence ministry said.",
         "Pyongyang tested the Hwasong-21 intercontinental ballistic missile last week, a launch Tokyo said reached an "
         "altitude of 6,500 km and flew for 80 minutes, and protested against the allied bomber drill on Sunday."),
]


NAMED_ICBM = [  # invented: a launch and a reaction the next day, few words in common, both name an ICBM
    _raw(129, "Seoul says North Korea launched an ICBM into the sea off its east coast", dt.date(2026, 6, 4), "seoul-a.example",
         "South Korea's military said North Korea launched an intercontinental ballistic missile from near Pyongyang on "
         "Thursday morning, its first such launch this year.",
         "The Joint Chiefs of Staff said it was analysing the flight with American and Japanese officials."),
    _raw(130, "Washington condemns North Korea's intercontinental missile launch", dt.date(2026, 6, 5), "wire-b.example",
         "The White House condemned Pyongyang's latest intercontinental missile, saying it threatened the region and broke "
         "several UN Security Council resolutions.",
         "A spokesman urged Pyongyang to return to talks without preconditions."),
]


@pytest.fixture(scope="module")
def among_labelled_salvo(labelled, analyser):
    """The invented ICBM launches and short-range salvo among the labelled set's articles."""
    _, articles = labelled
    return articles + list(analyser.analyse(SALVO + NAMED_ICBM))


@pytest.mark.slow
def test_short_range_missiles_days_after_an_icbm_are_another_launch(among_labelled_salvo, monkeypatch):
    """The salvo's reports recall the ICBM, its figures and the allied drill, two days after the
    drill's report: their leads name short-range missiles only (one of them in its headline), the
    story's leads an intercontinental one, so they make a story of their own."""
    assert {frozenset({"rule121", "rule122", "rule123"}), frozenset({"rule124", "rule125"})} <= _invented(among_labelled_salvo)
    monkeypatch.setattr(grouping, "weapon_kinds", lambda text: frozenset())
    assert not {frozenset({"rule124", "rule125"})} <= _invented(among_labelled_salvo)



def _story_of(articles, name: str) -> set[str]:
    """The file names (or invented ids) of the story the labelled file ``name`` is in."""
    label = {a.article.id: (a.article.id if a.article.id.startswith("rule") else Path(a.article.path).name)
             for a in articles}
    for story in _together(articles):
        names = {label[i] for i in story}
        if name in names:
            return names
    return {name}


@pytest.mark.slow
def test_an_undated_report_naming_a_kind_of_missile_joins_the_one_story_of_that_kind(labelled, among_labelled_salvo,
                                                                                    monkeypatch):
    """The undated report of the solid-fuel ICBM (labelled 087) shares few words with the dated
    reports of that launch, no day and no headline: its lead names an intercontinental missile, as
    theirs do, and no other story of that kind is near, so it joins them. With two more ICBM
    launches in the digest it cannot tell which one it tells of, and stays alone."""
    _, articles = labelled
    assert "010.md" in _story_of(articles, "087.txt")
    assert _story_of(among_labelled_salvo, "087.txt") == {"087.txt"}
    monkeypatch.setattr(grouping, "weapon_kinds", lambda text: frozenset())
    assert _story_of(articles, "087.txt") == {"087.txt"}

EAST_SEA = [  # invented: two undated reports with one headline, of launches on different weekdays
    _raw(126, "North Korea fires ballistic missile toward East Sea", None, "seoul-a.example",
         "North Korea fired a ballistic missile toward the East Sea on Wednesday, South Korea's Joint Chiefs of Staff said.",
         "The missile fell into international waters short of Ulleung Island, setting off an air-raid alarm there.",
         "The military is analysing the range and the type of the missile with the United States."),
    _raw(127, "North Korea fires ballistic missile toward East Sea", None, "seoul-a.example",
         "North Korea fired an unidentified ballistic missile toward the East Sea on Thursday, South Korea's Joint Chiefs "
         "of Staff said.",
         "The military is analysing the range and the type of the missile with the United States.",
         "The launch came a day after Pyongyang condemned joint live-fire drills by Seoul and Washington."),
    _raw(128, "JCS: North Korean ballistic missile flew toward East Sea", None, "seoul-b.example",
         "The ballistic missile North Korea fired on Thursday flew toward the East Sea, the Joint Chiefs of Staff said, "
         "and the military is analysing its range with the United States."),
]


def test_undated_reports_of_launches_on_other_weekdays_are_other_stories(analyser, monkeypatch):
    """No date to go by, one headline: the launch of a Wednesday and the launch of a Thursday are
    two stories; another report of the Thursday's launch joins it."""
    articles = list(analyser.analyse(EAST_SEA))
    assert _together(articles) == {frozenset({"rule126"}), frozenset({"rule127", "rule128"})}
    monkeypatch.setattr(grouping, "_undated_weekdays", lambda story, articles: frozenset())
    assert frozenset({"rule126", "rule127", "rule128"}) in _together(articles)


@pytest.mark.slow
def test_a_kind_of_missile_both_leads_name_is_evidence(among_labelled_salvo, monkeypatch):
    """Alike in words only a little (below ``EVIDENCE``), no one, no figure and no day in common:
    the launch and the condemnation the next day both name an intercontinental missile, which is
    evidence enough to join."""
    assert frozenset({"rule129", "rule130"}) in _invented(among_labelled_salvo)
    monkeypatch.setattr(grouping, "weapon_kinds", lambda text: frozenset())
    assert {frozenset({"rule129"}), frozenset({"rule130"})} <= _invented(among_labelled_salvo)


def test_a_figure_in_km_kilometres_or_miles_is_one_term_in_km():
    """'1,000 km' and '1,000 kilometres' are one term ("#distance=1000"); miles are converted."""
    from generator.model import Figure

    def term(value, unit):
        return grouping.figure_term(Figure(f"{value} {unit}", value, unit, None, None, "", measure="distance"))

    assert term(1000.0, "km") == term(1000.0, "kilometres") == "#distance=1000"
    assert term(621.371192, "miles") == "#distance=1000"


def test_an_ordinal_is_one_term_however_it_is_spelt():
    """'the seventeenth round' and 'the 17th round' share the term '17th' (not '17' and 'th'), and an
    ordinal is no event word of a headline ('th' of '15th' and '16th' named no event)."""
    def terms(text, title="Talks resume"):
        return grouping.terms(_Analysed(_raw(120, title, None, "x.example", text)))

    spelt, figures = terms("The seventeenth round of talks opened."), terms("The 17th round of talks opened.")
    assert "17th" in spelt and "17th" in figures and "th" not in figures and "17" not in figures
    assert grouping.event_words(_Analysed(_raw(121, "Brussels adopts 19th sanctions package", None, "x.example", "Text."))) \
        == {"adopts", "sanctions", "package"}


ROUNDS = [  # invented: a round of talks opens; its close is reported a week later
    _raw(131, "Serbia and Kosovo open 17th round of talks in Brussels", dt.date(2025, 6, 2), "balkan-a.example",
         "Serbian and Kosovan negotiators opened the 17th round of EU-mediated talks in Brussels on Monday, hoping to settle "
         "a dispute over vehicle licence plates and energy bills.",
         "The EU's envoy Miroslav Lajcak said both sides had come with proposals. Pristina said it wanted a written guarantee."),
    _raw(132, "Belgrade, Pristina begin new talks under EU mediation", dt.date(2025, 6, 2), "wire-b.example",
         "Belgrade and Pristina began the 17th round of their dialogue in Brussels on Monday under the mediation of the "
         "European Union.",
         "Serbia's chief negotiator said licence plates were the first item. Kosovo's delegation said energy came first."),
    _raw(133, "Licence plate deal closes Serbia-Kosovo round", dt.date(2025, 6, 9), "balkan-a.example",
         "The 17th round of talks between Serbia and Kosovo closed in Brussels with an agreement to recognise each other's "
         "licence plates, the EU's envoy said.",
         "Energy bills were left to the next round. Both governments are to approve the deal within a month."),
]


def test_the_numbers_a_lead_gives_a_happening_of_a_series():
    assert grouping.numbered("Negotiators opened the 17th round of talks.") == {"17th round"}
    assert grouping.numbered("The EU adopted its nineteenth sanctions package.") == {"19th sanctions", "19th package"}
    assert grouping.numbered("It fired for the second time this week, on March 17th, the 17th of March.") == frozenset()
    assert grouping.numbered("Victory in the Second World War, early in his second term.") == frozenset()


@pytest.mark.slow
def test_a_numbered_follow_up_within_ten_days_joins_its_story(labelled, analyser, monkeypatch, tmp_path):
    """'The 17th round of talks ... closed' a week after two reports of its opening, past the
    window, joins their story: their leads name the 17th round too (the incremental grouping gives
    the same stories). Without the rule it is a story of its own."""
    _, articles = labelled
    among = articles + list(analyser.analyse(ROUNDS))
    assert frozenset({"rule131", "rule132", "rule133"}) in _invented(among)
    _check_incremental(among, len(among) - 1, tmp_path / "state.json")
    monkeypatch.setattr(grouping, "_numbered_follow_up", lambda *args: False)
    assert {frozenset({"rule131", "rule132"}), frozenset({"rule133"})} <= _invented(among)


def test_the_words_that_make_an_ordinal_a_rank_are_required(tmp_path, monkeypatch):
    bad = tmp_path / "happenings.yml"
    bad.write_text("numbered: {}\n", encoding="utf-8")
    monkeypatch.setattr(grouping, "HAPPENINGS", bad)
    grouping._not_numbered.cache_clear()
    try:
        with pytest.raises(ConfigError) as err:
            grouping.numbered("the 17th round")
    finally:
        grouping._not_numbered.cache_clear()
    assert "'numbered' needs a list of words 'not_after'" in str(err.value), str(err.value)


def test_a_lead_is_read_up_to_five_sentences():
    """A page read as one long paragraph has no lead of many sentences: the day its sixth sentence
    names is not the day of the lead, nor is a place named there a venue; an abbreviation ("U.S.
    President") ends no sentence."""
    long = ("Officials met on Monday. They spoke for hours. The talks went on. A deal was close. "
            "Nothing was signed. Talks resume on August 27 in Vienna.")
    article = _Only(_raw(140, "Talks stall", dt.date(2025, 8, 20), "x.example", long))
    assert grouping.dates_named(article) == frozenset()
    assert grouping.lead_text(article) == ("Talks stall\nOfficials met on Monday. They spoke for hours. The talks went on. "
                                           "A deal was close.")
    short = _Only(_raw(141, "Talks stall", dt.date(2025, 8, 20), "x.example", "U.S. President Joe Biden met them. "
                       "Talks resume on August 27 in Vienna."))
    assert grouping.dates_named(short) == {(8, 27, None)}

"""The claims register: it covers the whole text, quotes it verbatim, and its numbers agree with the data."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from helpers import PROJECT_ROOT
from sco_course import commentary
from sco_course.data import load
from sco_course.membership import members_on
from sco_course.quotes import QuoteNotFound, normalise, piece_spans
from sco_course.register import coverage

QUOTE_MARKUP = re.compile(r'<(q|blockquote) class="commentary">(.*?)</\1>', re.S)
BOOK_SOURCES = sorted(
    path for path in (PROJECT_ROOT / "chapters").rglob("*")
    if path.suffix in {".md", ".ipynb"} and ".ipynb_checkpoints" not in path.parts
)


def claims() -> pd.DataFrame:
    return load("claims").set_index("id")


def test_the_book_holds_the_text_it_criticises():
    text = commentary.full_text()
    assert text.startswith(" date 2022-09-15 Author: Cui Zheng")
    assert [block.kind for block in commentary.blocks()].count("heading") == 3
    assert commentary.blocks()[-1].text == "“Guangming Daily” (September 15, 2022, 07 edition)"


def test_register_covers_every_sentence_and_character_of_the_text():
    result = coverage()
    print(f"\nregister coverage: {result.sentences_covered}/{result.sentences} sentences, "
          f"{result.characters_covered}/{result.characters} word characters")
    assert result.uncovered == []
    assert result.sentence_share == result.character_share == 1.0


def test_coverage_notices_a_sentence_that_no_row_accounts_for():
    register = load("claims")
    without_fragment = register[register["quote"] != "In-depth cooperation in multiple fields."]
    result = coverage(without_fragment)
    assert result.sentences_covered == result.sentences - 1
    assert result.uncovered == ["block 9: 'In-depth cooperation in multiple fields'"]


def test_rows_are_in_reading_order_and_quote_their_anchor():
    register = load("claims")
    assert list(zip(register["block"], register["start"])) == sorted(zip(register["block"], register["start"]))
    for row in register.itertuples():
        assert commentary.locate(row.quote, row.block) == (row.start, row.end), row.id


def test_each_statement_has_words_of_its_own_to_highlight():
    """The last piece of each quotation is the statement's own; earlier pieces give its subject."""
    own = sorted((row.block, *piece_spans(row.quote, commentary.block(row.block).text)[-1], row.id)
                 for row in load("claims").itertuples())
    for (block_a, _, end_a, id_a), (block_b, start_b, _, id_b) in zip(own, own[1:]):
        assert block_a != block_b or start_b >= end_a, f"{id_a} and {id_b} would highlight the same words"


def test_checkable_quotations_are_long_enough_to_carry_their_subject():
    for row in load("claims").itertuples():
        if commentary.block(row.block).kind == "paragraph" and row.claim_type in {"fact", "number", "causal", "prediction"}:
            assert len(row.quote.split()) >= 4, f"{row.id}: {row.quote!r} is too short to carry its subject"


def test_opinions_and_formulations_are_labelled_not_fact_checked():
    register = load("claims")
    not_checked = register["claim_type"].isin(["opinion", "framing", "formulation"])
    assert (register.loc[not_checked, "verdict"] == "not_checkable").all()
    assert not_checked.sum() >= 30
    assert register["claim_type"].isin(["fact", "number", "causal", "prediction"]).sum() >= 30


def test_translation_findings_show_both_readings():
    register = claims()
    assert register.loc["c317", "verdict_as_written"] == "inaccurate"
    assert register.loc["c317", "verdict"] == "misleading"
    assert "Uzbekistan" in register.loc["c317", "translation_note"]
    assert "增长" in register.loc["c213", "translation_note"]
    assert register["translation_note"].notna().sum() >= 10


def test_every_claim_points_to_a_page_of_the_book():
    for page in load("claims")["tested_in"]:
        assert (PROJECT_ROOT / page.split("#")[0]).is_file(), page


def quotations_in(path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        cells = json.loads(text)["cells"]
        text = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    return [re.sub(r"<[^>]+>", "", quote) for _, quote in QUOTE_MARKUP.findall(text)]


@pytest.mark.parametrize("path", BOOK_SOURCES, ids=lambda path: str(path.relative_to(PROJECT_ROOT)))
def test_every_quotation_of_the_commentary_in_the_chapters_is_verbatim(path):
    for quote in quotations_in(path):
        try:
            commentary.find_block(quote)
        except QuoteNotFound:
            pytest.fail(f"{path.relative_to(PROJECT_ROOT)}: not verbatim in the commentary: {normalise(quote)!r}")


def test_the_chapters_mark_their_quotations():
    assert sum(len(quotations_in(path)) for path in BOOK_SOURCES) >= 20


# --- the register's numbers agree with the data -------------------------------

def members_sum(indicator: str, year: int, states: list[str]) -> float:
    table = load("indicators")
    rows = table[(table["indicator"] == indicator) & (table["year"] == year) & table["state"].isin(states)]
    assert len(rows) == len(states), f"{indicator} {year}: data missing for some of {states}"
    return rows["value"].sum()


def test_gdp_figures_in_the_20_trillion_verdict_match_the_data():
    text = claims().loc["c212", "evidence"]
    for year in (2019, 2020, 2021):
        total = members_sum("gdp_current_usd", year, members_on(f"{year}-12-31"))
        assert f"{total / 1e12:.1f} trillion" in text, (year, total)


def test_trade_growth_in_the_100_times_verdict_matches_the_data():
    text = claims().loc["c213", "evidence"]
    eight = members_on("2020-12-31")
    each_year = members_sum("trade_current_usd", 2020, eight) / members_sum("trade_current_usd", 2001, members_on("2001-12-31"))
    same_states = members_sum("trade_current_usd", 2020, eight) / members_sum("trade_current_usd", 2001, eight)
    assert f"{each_year:.1f} times" in text and f"{same_states:.1f} times" in text, (each_year, same_states)


def test_shares_in_the_driving_force_context_match_the_data():
    text = claims().loc["c013", "evidence"]
    members = members_on("2021-12-31")
    gdp = members_sum("gdp_current_usd", 2021, members)
    assert f"{gdp / members_sum('gdp_current_usd', 2021, ['WLD']):.1%}" in text
    assert f"{members_sum('population', 2021, members) / members_sum('population', 2021, ['WLD']):.1%}" in text
    assert f"{members_sum('gdp_current_usd', 2021, ['CHN']) / gdp:.1%}" in text


def armed_incidents() -> pd.DataFrame:
    incidents = load("interstate_incidents").merge(load("events"), left_on="event_id", right_on="id")
    return incidents[incidents["kind"] != "standoff"]


def test_years_of_armed_incidents_in_the_stability_verdicts_match_the_data():
    years = sorted(set(armed_incidents()["date"].dt.year))
    listed = ", ".join(map(str, years[:-1])) + f" and {years[-1]}"
    for claim in ("c011", "c104"):
        assert listed in claims().loc[claim, "evidence"], claim


def test_incidents_counted_in_the_stability_verdicts_were_between_members():
    for incident in armed_incidents().itertuples():
        members = members_on(incident.date)
        assert all(state in members for state in incident.states.split(";")), incident.event_id


def test_days_from_the_commentary_to_the_railway_launch_match_the_events():
    launch = load("events").set_index("id").loc["con-cku-railway-launch-ceremony-2024", "date"]
    days = (launch - pd.Timestamp("2022-09-15")).days
    assert f"{days} days" in claims().loc["c317", "evidence"]


def test_energy_ratio_in_the_complementarity_verdict_matches_the_data():
    table = load("indicators")
    oil_and_gas = table[(table["year"] == 2021) & table["indicator"].isin(["oil_production_twh", "gas_production_twh"])]
    by_state = oil_and_gas.groupby("state")["value"].sum()
    members = members_on("2021-12-31")
    assert by_state.reindex(members).idxmax() == "RUS"
    ratio = by_state["RUS"] / by_state["CHN"]
    assert round(ratio) == 3, ratio
    assert "three times China's output in 2021" in claims().loc["c214", "evidence"]


def test_every_statement_is_shown_with_its_verdict_on_the_page_that_tests_it(book_html):
    from bs4 import BeautifulSoup

    statements = load("claims").query("claim_type != 'no_claim'")
    for page, rows in statements.groupby(statements["tested_in"].str.split("#").str[0]):
        built = (book_html / page).with_suffix(".html")
        soup = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser")
        for row in rows.itertuples():
            card = soup.find(id=f"claim-{row.id}")
            assert card is not None, f"{page} does not show claim {row.id}"
            assert normalise(card.find("q").get_text()) == normalise(row.quote), row.id


def test_growth_figures_in_the_engine_verdict_match_the_data():
    from sco_course import economy

    indicators = load("indicators")
    gdp = economy.series(indicators, "gdp_current_usd")
    growth = economy.series(indicators, "real_gdp_growth_pct")
    weighted = economy.members_growth(growth, gdp, economy.EACH_YEAR, [2020, 2021, 2022])["weighted"]
    text = claims().loc["c209", "evidence"]
    assert f"{weighted[2020]:.1f}% in 2020, {weighted[2021]:.1f}% in 2021 and {weighted[2022]:.1f}% in 2022" in text
    members = economy.EACH_YEAR.states(2021)
    share_of_rise = (gdp.loc[2021, members].sum() - gdp.loc[2020, members].sum()) / (gdp.loc[2021, "WLD"] - gdp.loc[2020, "WLD"])
    assert f"{share_of_rise:.0%} of the 2021 rise in world GDP" in text
    assert f"China made up {economy.shares(gdp.loc[2021, members])['CHN']:.0f}% of the members' GDP" in text

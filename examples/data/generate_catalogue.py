#!/usr/bin/env python3
"""Writes the sample region's service catalogue, examples/data/sample-region/catalogue.json.

The catalogue is synthetic: invented associations of named kinds (pensioners', patient,
disability, mental health, youth, sports, culture, village, multicultural and umbrella
associations) in the eight municipalities of Central Ostrobothnia, each running a few
activities. No real organisation or person is described. The output is Open Referral HSDS
3.0 (an organization list page with nested services), with kulkija's attributes (taxonomy
``kulkija``) for what HSDS has no field for; see docs/catalogue.md.

The generator is seeded, so the file is the same on every run:

    python3 examples/data/generate_catalogue.py            # writes the file
    python3 examples/data/generate_catalogue.py --check    # fails if the file differs
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

SEED = 20260101
OUT = Path(__file__).resolve().parent / "sample-region" / "catalogue.json"

# Finnish genitives, for association names
GENITIVE = {272: "Kokkolan", 217: "Kannuksen", 236: "Kaustisen", 924: "Vetelin", 74: "Halsuan", 421: "Lestijärven",
            584: "Perhon", 849: "Toholammin"}

# code, Finnish name, Swedish name, centre (latitude, longitude), Swedish-speaking share is notable
MUNICIPALITIES = {
    272: ("Kokkola", "Karleby", (63.8385, 23.1307), True),
    217: ("Kannus", "Kannus", (63.8999, 23.9158), False),
    236: ("Kaustinen", "Kaustby", (63.5475, 23.6983), False),
    924: ("Veteli", "Vetil", (63.4747, 23.7833), False),
    74: ("Halsua", "Halsua", (63.4617, 24.1639), False),
    421: ("Lestijärvi", "Lestijärvi", (63.5247, 24.6694), False),
    584: ("Perho", "Perho", (63.2167, 24.4167), False),
    849: ("Toholampi", "Toholampi", (63.7736, 24.2500), False),
}

# kind -> (Finnish name pattern, Swedish name pattern); {gen} is the Finnish genitive, {sv} the Swedish name
KINDS = {
    "pensioner": ("{gen} Seudun Eläkeläiset ry", "{sv} nejdens pensionärer rf"),
    "patient": ("{gen} Sydän- ja Diabetesyhdistys ry", "Hjärt- och diabetesföreningen i {sv} rf"),
    "disability": ("{gen} Invalidiyhdistys ry", "Invalidföreningen i {sv} rf"),
    "mental_health": ("{gen} Mielenterveysyhdistys Tuki ry", "Föreningen för psykisk hälsa i {sv} rf"),
    "youth": ("{gen} Nuorisoseura ry", "Ungdomsföreningen i {sv} rf"),
    "sports": ("{gen} Liikuntaseura ry", "Idrottsföreningen i {sv} rf"),
    "culture": ("{gen} Kulttuuriyhdistys ry", "Kulturföreningen i {sv} rf"),
    "village": ("{gen} Kyläyhdistys ry", "Byaföreningen i {sv} rf"),
    "multicultural": ("{gen} Monikulttuurinen Yhdistys ry", "Mångkulturella föreningen i {sv} rf"),
    "umbrella": ("Keski-Pohjanmaan Järjestöverkosto ry", "Mellersta Österbottens organisationsnätverk rf"),
}

# Activity templates by organisation kind:
# (categories, target groups, fi, sv, en, description fi, description en, min_age, peer support, evening)
TEMPLATES = {
    "pensioner": [
        (["music_singing", "meeting_place"], ["older_people"], "Laulupiiri", "Sångcirkel", "Singing circle",
         "Laulamme yhdessä tuttuja lauluja, kahvit lopuksi.", "We sing familiar songs together, coffee afterwards.", 60, False, False),
        (["exercise"], ["older_people"], "Tuolijumppa", "Stolgympa", "Chair exercise",
         "Kevyttä liikuntaa istuen ja seisten ohjaajan kanssa.", "Gentle exercise seated and standing with an instructor.", 60, False, False),
        (["games_hobbies", "meeting_place"], ["older_people"], "Pelikerho", "Spelklubb", "Games club",
         "Korttipelejä, bingoa ja seurustelua.", "Card games, bingo and company.", 55, False, False),
        (["digital_skills"], ["older_people"], "Digituki ikäihmisille", "Digitalt stöd för äldre", "Digital help for older people",
         "Apua puhelimen, tabletin ja verkkopalvelujen käyttöön.", "Help with phones, tablets and e-services.", 60, False, False),
    ],
    "patient": [
        (["peer_support_group"], ["long_term_ill"], "Vertaisryhmä pitkäaikaissairaille", "Kamratgrupp för långtidssjuka",
         "Peer group for people with a long-term illness", "Kokemusten jakamista ja tietoa arjen tueksi.",
         "Sharing experiences and information for everyday life.", 18, True, False),
        (["outdoor_nature", "exercise"], ["long_term_ill", "everyone"], "Sydänkävely", "Hjärtpromenad", "Heart walk",
         "Yhteinen kävelylenkki omaan tahtiin.", "A shared walk at your own pace.", 18, True, False),
        (["guidance"], ["long_term_ill"], "Ravitsemusilta", "Kvällsträff om kost", "Nutrition evening",
         "Asiantuntijan alustus ja keskustelua ravitsemuksesta.", "A talk and discussion on nutrition.", 18, False, True),
    ],
    "disability": [
        (["peer_support_group", "meeting_place"], ["people_with_disabilities"], "Olohuone-kohtaamispaikka",
         "Vardagsrummet mötesplats", "Living room drop-in", "Avoin kohtaamispaikka kahvin ääressä.",
         "An open drop-in place over coffee.", 18, True, False),
        (["exercise"], ["people_with_disabilities"], "Soveltava liikunta", "Anpassad motion", "Adapted exercise",
         "Liikuntaa jokaisen omien kykyjen mukaan.", "Exercise adapted to each participant.", 18, False, False),
        (["arts_crafts"], ["people_with_disabilities", "everyone"], "Käsityöpiiri", "Handarbetscirkel", "Crafts circle",
         "Neulontaa, virkkausta ja pieniä puutöitä.", "Knitting, crochet and small woodwork.", 18, False, False),
    ],
    "mental_health": [
        (["peer_support_group"], ["mental_health"], "Mielen hyvinvoinnin vertaisryhmä", "Kamratgrupp för psykiskt välmående",
         "Mental wellbeing peer group", "Luottamuksellinen ryhmä mielen hyvinvoinnin tueksi.",
         "A confidential group supporting mental wellbeing.", 18, True, True),
        (["meeting_place", "cooking_meals"], ["mental_health", "everyone"], "Yhteinen keittiö", "Gemensamt kök",
         "Shared kitchen", "Laitamme ja syömme yhdessä edullisen aterian.", "We cook and eat an inexpensive meal together.",
         18, True, False),
        (["work_activity"], ["mental_health", "unemployed"], "Työpajatoiminta", "Verkstadsverksamhet", "Workshop activity",
         "Mielekästä tekemistä ja työelämätaitoja omaan tahtiin.", "Meaningful work and job skills at your own pace.", 18, False, False),
    ],
    "youth": [
        (["meeting_place", "games_hobbies"], ["young_adults"], "Nuorten aikuisten ilta", "Kväll för unga vuxna",
         "Young adults' evening", "Pelejä, keskustelua ja iltapalaa.", "Games, talk and an evening snack.", 18, False, True),
        (["volunteering"], ["young_adults", "everyone"], "Vapaaehtoisryhmä", "Frivilliggrupp", "Volunteer group",
         "Autamme tapahtumissa ja naapurustossa.", "We help at events and in the neighbourhood.", 18, False, True),
    ],
    "sports": [
        (["exercise"], ["everyone"], "Matalan kynnyksen kuntosali", "Lågtröskelgym", "Low-threshold gym",
         "Ohjattu kuntosalivuoro aloittelijoille.", "A guided gym session for beginners.", 18, False, False),
        (["exercise", "outdoor_nature"], ["everyone"], "Sauvakävely", "Stavgång", "Nordic walking",
         "Sauvakävelyä ohjaajan kanssa, sauvoja lainaksi.", "Nordic walking with an instructor, poles to borrow.", 18, False, True),
        (["exercise"], ["men", "working_age"], "Miesten sähly", "Innebandy för män", "Men's floorball",
         "Rento peli ilman kilpailua.", "A relaxed game without competition.", 18, False, True),
    ],
    "culture": [
        (["culture_events"], ["everyone"], "Teatteri- ja konserttikäynnit", "Teater- och konsertbesök",
         "Theatre and concert visits", "Käymme yhdessä esityksissä.", "We go to performances together.", 18, False, True),
        (["music_singing"], ["everyone"], "Kansanmusiikkipiiri", "Folkmusikcirkel", "Folk music circle",
         "Soitamme ja laulamme kansanmusiikkia, aiempaa osaamista ei tarvita.", "We play and sing folk music, no experience needed.",
         16, False, True),
        (["arts_crafts"], ["everyone"], "Maalauspiiri", "Målarcirkel", "Painting circle",
         "Akvarelli- ja öljyvärimaalausta.", "Watercolour and oil painting.", 18, False, False),
    ],
    "village": [
        (["meeting_place", "cooking_meals"], ["everyone", "older_people"], "Kyläkahvila", "Bykafé", "Village café",
         "Kahvia, pullaa ja kuulumisia kylätalolla.", "Coffee, buns and news at the village hall.", 0, False, False),
        (["outdoor_nature"], ["everyone"], "Luontoretki", "Naturutflykt", "Nature trip",
         "Retki lähimetsään, kyyti järjestetään.", "A trip to the nearby forest, transport arranged.", 0, False, False),
    ],
    "multicultural": [
        (["learning"], ["immigrants"], "Suomen kielen kerho", "Finska språkklubben", "Finnish language club",
         "Puhumme suomea arjen tilanteissa.", "We speak Finnish in everyday situations.", 16, True, True),
        (["guidance", "digital_skills"], ["immigrants"], "Asiointiapu", "Hjälp med ärenden", "Help with errands",
         "Apua lomakkeiden ja verkkopalvelujen kanssa.", "Help with forms and e-services.", 18, False, False),
        (["cooking_meals", "meeting_place"], ["immigrants", "everyone"], "Maailman keittiö", "Världens kök", "World kitchen",
         "Ruokaa eri maista, tutustumme toisiimme.", "Food from many countries, getting to know each other.", 0, True, True),
    ],
    "umbrella": [
        (["volunteering", "guidance"], ["everyone"], "Vapaaehtoistoiminnan välitys", "Förmedling av frivilliguppdrag",
         "Volunteering matchmaking", "Löydä sinulle sopiva vapaaehtoistehtävä.", "Find a volunteering task that suits you.",
         18, False, False),
        (["learning", "meeting_place"], ["everyone"], "Järjestökoulu", "Föreningsskola", "Association school",
         "Opi yhdistystoiminnasta ja löydä harrastus.", "Learn about associations and find a hobby.", 18, False, True),
    ],
}

# Which kinds each municipality has (Kokkola has them all).
PRESENCE = {
    272: list(KINDS),
    217: ["pensioner", "patient", "sports", "village"],
    236: ["pensioner", "culture", "youth"],
    924: ["pensioner", "sports", "village"],
    74: ["village", "pensioner"],
    421: ["village", "pensioner"],
    584: ["disability", "village", "pensioner"],
    849: ["pensioner", "patient", "sports"],
}

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA"]


def slug(text: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", " ": "-"})
    return "".join(c for c in text.lower().translate(table) if c.isalnum() or c == "-")


def term(code: str) -> dict:
    return {
        "id": f"kulkija:{code}",
        "code": code,
        "name": code,
        "description": f"kulkija catalogue attribute {code} (see the kulkija catalogue guide)",
        "taxonomy": "kulkija",
    }


def attribute(owner: str, n: int, code: str, value: str, entity: str = "service") -> dict:
    return {
        "id": f"{owner}:attr:{n}",
        "link_id": owner,
        "taxonomy_term_id": f"kulkija:{code}",
        "link_entity": entity,
        "value": value,
        "taxonomy_term": term(code),
    }


def service(rng: random.Random, sid: str, oid: str, code: int, template: tuple, swedish: bool) -> dict:
    cats, groups, fi, sv, en, desc_fi, desc_en, min_age, peer, evening = template
    name_fi, name_sv, centre, _ = MUNICIPALITIES[code]
    lat = round(centre[0] + rng.uniform(-0.02, 0.02), 5)
    lon = round(centre[1] + rng.uniform(-0.04, 0.04), 5)
    languages = ["fi", "sv"] if swedish else ["fi"]
    if swedish and rng.random() < 0.3:
        languages = ["sv", "fi"]
    if "immigrants" in groups:
        languages = ["fi", "en", rng.choice(["ar", "ru", "uk", "so"])]
    start = rng.choice([17, 18]) if evening else rng.choice([9, 10, 12, 13])
    minutes = rng.choice([0, 30])
    length = rng.choice([60, 90, 120])
    opens = f"{start:02d}:{minutes:02d}"
    end_total = start * 60 + minutes + length
    closes = f"{end_total // 60:02d}:{end_total % 60:02d}"
    kind = rng.choices(["weekly", "biweekly", "monthly"], weights=[6, 2, 2])[0]
    day = rng.choice(DAYS[:5] if not evening or rng.random() < 0.8 else DAYS)
    schedule = {"id": f"{sid}:schedule:0", "service_id": sid, "freq": "WEEKLY", "interval": 1, "byday": day,
                "opens_at": opens, "closes_at": closes}
    if kind == "biweekly":
        first = dt.date(2026, 1, 5)  # a Monday
        anchor = first + dt.timedelta(days=DAYS.index(day) + 7 * rng.randint(0, 1))
        schedule.update({"interval": 2, "dtstart": anchor.isoformat()})
    elif kind == "monthly":
        schedule.update({"freq": "MONTHLY", "byday": f"{rng.choice([1, 2, 3, -1])}{day}"})
    fee = rng.choices([0, 2, 3, 5, 8, 12], weights=[10, 2, 3, 3, 2, 1])[0]
    if "culture_events" in cats:
        fee = rng.choice([10, 15, 20])
    svc = {
        "id": sid,
        "organization_id": oid,
        "name": fi,
        "description": desc_fi,
        "status": "active",
        "languages": [{"id": f"{sid}:lang:{lang}", "name": lang, "code": lang} for lang in languages],
        "schedules": [schedule],
        "service_at_locations": [
            {
                "id": f"{sid}:at",
                "location": {
                    "id": f"{sid}:location",
                    "location_type": "physical",
                    "name": f"{rng.choice(['Seurantalo', 'Kylätalo', 'Järjestötalo', 'Seurakuntatalo', 'Liikuntahalli'])}, {name_fi}",
                    "latitude": lat,
                    "longitude": lon,
                    "addresses": [{"id": f"{sid}:address", "address_1": f"{rng.choice(['Keskuskatu', 'Kirkkotie', 'Koulutie', 'Rantatie', 'Torikatu'])} {rng.randint(1, 40)}",
                                   "city": name_fi, "region": "Keski-Pohjanmaa", "state_province": "", "postal_code": "",
                                   "country": "FI", "address_type": "physical"}],
                },
            }
        ],
        "cost_options": [{"id": f"{sid}:cost", "option": "free" if fee == 0 else "fee", "currency": "EUR", "amount": fee}],
    }
    if min_age:
        svc["minimum_age"] = min_age
    attrs: list[dict] = []
    for c in cats:
        attrs.append(attribute(sid, len(attrs), "category", c))
    for g in groups:
        attrs.append(attribute(sid, len(attrs), "target_group", g))
    for f in rng.sample(["wheelchair_access", "induction_loop", "accessible_toilet", "transport_help", "easy_language"], rng.randint(0, 3)):
        attrs.append(attribute(sid, len(attrs), "accessibility", f))
    attrs.append(attribute(sid, len(attrs), "municipality", f"{code:03d}"))
    attrs.append(attribute(sid, len(attrs), "name_sv", sv))
    attrs.append(attribute(sid, len(attrs), "name_en", en))
    attrs.append(attribute(sid, len(attrs), "description_en", desc_en))
    if fee > 0 and ("culture_events" in cats or rng.random() < 0.5):
        attrs.append(attribute(sid, len(attrs), "kaikukortti", "true"))
    if rng.random() < 0.3:
        attrs.append(attribute(sid, len(attrs), "registration_required", "true"))
    if peer:
        attrs.append(attribute(sid, len(attrs), "peer_support", "true"))
    if rng.random() < 0.5:
        attrs.append(attribute(sid, len(attrs), "capacity", str(rng.choice([8, 10, 12, 15, 20, 30]))))
    attrs.append(attribute(sid, len(attrs), "valid_from", "2026-01-01"))
    if rng.random() < 0.25:
        attrs.append(attribute(sid, len(attrs), "valid_to", rng.choice(["2026-05-31", "2026-12-31"])))
    svc["attributes"] = attrs
    return svc


def build() -> dict:
    rng = random.Random(SEED)
    organizations = []
    count = 0
    for code, kinds in PRESENCE.items():
        name_fi, name_sv, _, swedish = MUNICIPALITIES[code]
        for kind in kinds:
            if kind == "umbrella" and code != 272:
                continue
            fi_pattern, _ = KINDS[kind]
            name = fi_pattern.format(gen=GENITIVE[code], sv=name_sv)
            oid = f"kp-{code:03d}-{kind}"
            templates = TEMPLATES[kind]
            chosen = rng.sample(templates, min(len(templates), rng.randint(2, 3) if code == 272 else rng.randint(1, 2)))
            services = []
            for template in chosen:
                count += 1
                services.append(service(rng, f"act-{count:03d}", oid, code, template, swedish))
            organizations.append(
                {
                    "id": oid,
                    "name": name,
                    "description": f"Synteettinen esimerkkiyhdistys ({kind}), {name_fi}.",
                    "attributes": [attribute(oid, 0, "organisation_kind", kind, "organization"),
                                   attribute(oid, 1, "municipality", f"{code:03d}", "organization")],
                    "services": services,
                }
            )
    # Kokkola (Karleby) is bilingual: a Swedish-speaking pensioners' association too
    oid = "kp-272-pensioner-sv"
    services = []
    for template in rng.sample(TEMPLATES["pensioner"], 2):
        count += 1
        svc = service(rng, f"act-{count:03d}", oid, 272, template, True)
        svc["languages"] = [{"id": f"{svc['id']}:lang:sv", "name": "sv", "code": "sv"}]  # in Swedish only
        services.append(svc)
    organizations.append(
        {
            "id": oid,
            "name": KINDS["pensioner"][1].format(sv="Karleby"),
            "description": "Syntetisk exempelförening (pensioner), Karleby.",
            "attributes": [attribute(oid, 0, "organisation_kind", "pensioner", "organization"),
                           attribute(oid, 1, "municipality", "272", "organization")],
            "services": services,
        }
    )
    return {
        "total_items": len(organizations),
        "total_pages": 1,
        "page_number": 1,
        "size": len(organizations),
        "first_page": True,
        "last_page": True,
        "empty": False,
        "contents": organizations,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the file differs from what would be written")
    args = parser.parse_args()
    text = json.dumps(build(), ensure_ascii=False, indent=2) + "\n"
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is not what {Path(__file__).name} writes; run it again", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    services = sum(len(o["services"]) for o in json.loads(text)["contents"])
    print(f"wrote {OUT} ({len(json.loads(text)['contents'])} organisations, {services} activities)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

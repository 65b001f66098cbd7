#!/usr/bin/env python3
"""Generates the bundled sample region, examples/data/sample-region (synthetic, seeded).

The region is Central Ostrobothnia (Keski-Pohjanmaa, Mellersta Österbotten), the area of the
Soite wellbeing services county: its eight municipalities with their Statistics Finland
codes and centre coordinates, clients whose languages follow the municipalities' language
shares, referring professionals of social, health and employment services, a year of
referrals with their lifecycle events (2026-01-02 to the region's reporting day
2026-11-20), the link workers, the screening data the eligibility rules read, and the
region's support and matching policies. No real person's data: every client, professional
and link worker is invented and known by a pseudonym.

Writes ``region.json``, ``municipalities.csv``, ``clients.csv``, ``professionals.csv``,
``referrals.csv``, ``events.csv``, ``assessments.csv``, ``client_locations.csv`` (a synthetic
point near each client's municipality centre, as a postal-code area's centre would be),
``link_workers.csv`` (with each worker's kind and last supervision), ``training.csv`` (the
workers' courses), ``support-policy.json`` and ``matching-policy.json``. Then run the other two generators,
which read these files::

    python3 examples/data/generate_region.py
    python3 examples/data/generate_catalogue.py
    python3 examples/data/generate_outcomes.py

Sources of the real figures (centre coordinates and Swedish-speaking shares of the
population by native language, as given in the municipalities' Wikipedia articles, which
cite Statistics Finland):

- Kokkola 63.8367 N 23.133 E, 12.6 % Swedish-speaking (31 Dec 2022), about 4 % other
  languages; Kannus 63.90 N 23.90 E; Kaustinen 63.550 N 23.6917 E, 1.8 % Swedish;
  Veteli 63.4750 N 23.7917 E, 1.7 % Swedish; Halsua 63.4625 N 24.1667 E;
  Lestijärvi 63.5250 N 24.667 E, 0.1 % Swedish; Perho 63.2131 N 24.4181 E;
  Toholampi 63.775 N 24.25 E, 0.1 % Swedish. Populations (rounded, 2022-2023) weight
  where clients live.

It uses only the standard library: ``python3 generate_region.py [--check]``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

SEED = 20260102
OUT = Path(__file__).resolve().parent / "sample-region"
FIRST_DAY = dt.date(2026, 1, 2)
AS_OF = dt.date(2026, 11, 20)  # the region's reporting day: events stop here
WAITING_FROM = dt.date(2026, 10, 26)  # accepted from this day on: still waiting for a link worker
SCREENING_FROM = dt.date(2026, 11, 16)  # issued from this day on: not yet screened
REFERRALS = 320
HELSINKI = ZoneInfo("Europe/Helsinki")

# code: (Finnish name, Swedish name, latitude, longitude, population, Swedish share, other-language share)
MUNICIPALITIES = {
    272: ("Kokkola", "Karleby", 63.8367, 23.1330, 48000, 0.126, 0.040),
    217: ("Kannus", "Kannus", 63.9000, 23.9000, 5400, 0.003, 0.010),
    236: ("Kaustinen", "Kaustby", 63.5500, 23.6917, 4200, 0.018, 0.007),
    924: ("Veteli", "Vetil", 63.4750, 23.7917, 2900, 0.017, 0.030),
    74: ("Halsua", "Halsua", 63.4625, 24.1667, 1100, 0.001, 0.010),
    421: ("Lestijärvi", "Lestijärvi", 63.5250, 24.6670, 680, 0.001, 0.015),
    584: ("Perho", "Perho", 63.2131, 24.4181, 2600, 0.001, 0.010),
    849: ("Toholampi", "Toholampi", 63.7750, 24.2500, 3000, 0.001, 0.003),
}
OUTSIDE = [288, 71]  # Kruunupyy and Haapavesi: neighbours outside the county (a few referrals)
OTHER_LANGUAGES = ["ar", "ru", "en", "so", "fa", "uk"]

NEEDS_BY_SECTOR = {
    "social_services": ["loneliness", "social_exclusion", "life_transition", "bereavement", "caregiver_burden",
                        "financial_hardship", "digital_exclusion", "integration", "meaningful_activity"],
    "health_care": ["loneliness", "mental_wellbeing", "physical_inactivity", "long_term_condition", "bereavement",
                    "caregiver_burden"],
    "employment_services": ["unemployment", "meaningful_activity", "mental_wellbeing", "financial_hardship",
                            "social_exclusion", "integration"],
}

# id, sector, organisation, title, municipality
PROFESSIONALS = [
    ("P-SOS-01", "social_services", "Soite aikuissosiaalityö", "sosiaaliohjaaja", 272),
    ("P-SOS-02", "social_services", "Soite ikäihmisten palvelut", "palveluohjaaja", 272),
    ("P-SOS-03", "social_services", "Soite vuxensocialarbete", "socialhandledare", 272),
    ("P-SOS-04", "social_services", "Soite aikuissosiaalityö, Kaustinen", "sosiaalityöntekijä", 236),
    ("P-SOS-05", "social_services", "Soite ikäihmisten palvelut, Perho", "palveluohjaaja", 584),
    ("P-SOS-06", "social_services", "Soite aikuissosiaalityö, Kannus", "sosiaaliohjaaja", 217),
    ("P-SOS-07", "social_services", "Soite maahanmuuttajapalvelut", "ohjaaja", 272),
    ("P-HC-01", "health_care", "Kokkolan terveysasema", "terveydenhoitaja", 272),
    ("P-HC-02", "health_care", "Kaustisen terveysasema", "sairaanhoitaja", 236),
    ("P-HC-03", "health_care", "Kokkolan terveysasema", "yleislääkäri", 272),
    ("P-HC-04", "health_care", "Kannuksen terveysasema", "sairaanhoitaja", 217),
    ("P-HC-05", "health_care", "Vetelin terveysasema", "terveydenhoitaja", 924),
    ("P-HC-06", "health_care", "Toholammin terveysasema", "sairaanhoitaja", 849),
    ("P-HC-07", "health_care", "Perhon terveysasema", "yleislääkäri", 584),
    ("P-HC-08", "health_care", "Soite mielenterveyspalvelut", "psykiatrinen sairaanhoitaja", 272),
    ("P-HC-09", "health_care", "Karleby hälsostation", "hälsovårdare", 272),
    ("P-TE-01", "employment_services", "Keski-Pohjanmaan työllisyysalue", "työllisyysasiantuntija", 272),
    ("P-TE-02", "employment_services", "Keski-Pohjanmaan työllisyysalue", "työvalmentaja", 272),
    ("P-TE-03", "employment_services", "Keski-Pohjanmaan työllisyysalue, Kaustinen", "työllisyysasiantuntija", 236),
    ("P-TE-04", "employment_services", "Kokkolan kaupungin työllisyyspalvelut", "työhönvalmentaja", 272),
]

# id, languages, municipality, capacity (clients at once; most link workers work part-time in the
# role), specialisms, gender, availability, travel radius km
LINK_WORKERS = [
    ("LW-01", "fi", 272, 10, "older_people;caregivers", "female", "weekday_daytime", 60),
    ("LW-02", "fi;en", 272, 10, "mental_wellbeing;bereavement", "female", "weekday_daytime;weekday_evening", 60),
    ("LW-03", "fi", 272, 9, "physical_activity;older_people", "male", "weekday_daytime", 80),
    ("LW-04", "sv;fi", 272, 9, "older_people;digital_skills", "female", "weekday_daytime", 60),
    ("LW-05", "fi;en;ar", 272, 8, "immigrants;employment", "male", "weekday_daytime;weekday_evening", 60),
    ("LW-06", "fi", 272, 10, "employment;young_adults", "female", "weekday_daytime;weekday_evening", 60),
    ("LW-07", "sv;fi;en", 272, 8, "mental_wellbeing;young_adults", "male", "weekday_daytime;weekend", 70),
    ("LW-08", "fi", 217, 7, "older_people;physical_activity", "female", "weekday_daytime", 70),
    ("LW-09", "fi", 236, 8, "caregivers;mental_wellbeing", "female", "weekday_daytime", 70),
    ("LW-10", "fi;sv", 236, 7, "employment;digital_skills", "male", "weekday_daytime;weekday_evening", 70),
    ("LW-11", "fi", 924, 6, "older_people;bereavement", "female", "weekday_daytime", 70),
    ("LW-12", "fi", 849, 6, "physical_activity;employment", "male", "weekday_daytime", 80),
    ("LW-13", "fi;en", 584, 6, "older_people;mental_wellbeing", "female", "weekday_daytime;weekend", 90),
]


# The kinds of the 13 link workers (the Sodankylä model trained 13 people, many of them
# volunteers with associations): employed professionals, trained volunteers and peer supporters
# (experts by experience). Capacities above are each worker's own; the region's policy caps them
# by kind (professional 12, volunteer 8, peer supporter 6 in matching-policy.json), so LW-03 and
# LW-04 take 8 clients, not 9.
KINDS = {
    "LW-01": "professional", "LW-02": "professional", "LW-05": "professional", "LW-06": "professional",
    "LW-09": "professional",
    "LW-03": "volunteer", "LW-04": "volunteer", "LW-07": "volunteer", "LW-08": "volunteer", "LW-10": "volunteer",
    "LW-11": "peer_supporter", "LW-12": "peer_supporter", "LW-13": "peer_supporter",
}
# On the reporting day (AS_OF) one worker's supervision is overdue and one worker's basic course
# has lapsed: the matching excludes both and says why.
SUPERVISION_OVERDUE = "LW-12"
TRAINING_LAPSED = "LW-08"
SUPERVISION_INTERVAL_DAYS = 42  # matching-policy.json: every kind, as the library's default
# The basic course is valid for two years (the sample region's assumption, not a national rule).
BASIC_COURSE_YEARS = 2
# Topic courses by specialism: (course, competence). Invented names, for the sample only.
TOPIC_COURSES = {
    "older_people": ("Ikäihmisten kohtaaminen", "older_people"),
    "caregivers": ("Omaishoitajan tukeminen", "caregivers"),
    "mental_wellbeing": ("Mielen hyvinvoinnin tukeminen", "mental_wellbeing"),
    "bereavement": ("Surevan kohtaaminen", "bereavement"),
    "physical_activity": ("Liikuntaneuvonnan perusteet", "physical_activity"),
    "digital_skills": ("Digituki arjessa", "digital_skills"),
    "immigrants": ("Kotoutumisen tukeminen", "immigrants"),
    "employment": ("Työllistymisen polut", "employment"),
    "young_adults": ("Nuorten aikuisten ohjaus", "young_adults"),
}


def workforce(seed: int) -> tuple[dict[str, str], list[list[str]]]:
    """Each worker's last supervision, and the training rows (worker, course, completed_on,
    valid_until, competences). A random stream of its own, so the referrals do not change."""
    rng = random.Random(seed + 1)
    supervision: dict[str, str] = {}
    training: list[list[str]] = []
    for wid, langs, _home, _capacity, specialisms, *_ in LINK_WORKERS:
        if wid == SUPERVISION_OVERDUE:
            last = AS_OF - dt.timedelta(days=SUPERVISION_INTERVAL_DAYS + rng.randint(5, 20))
        else:
            last = AS_OF - dt.timedelta(days=rng.randint(2, SUPERVISION_INTERVAL_DAYS - 5))
        supervision[wid] = last.isoformat()
        if wid == TRAINING_LAPSED:
            valid_until = AS_OF - dt.timedelta(days=rng.randint(3, 10))
            completed = valid_until.replace(year=valid_until.year - BASIC_COURSE_YEARS) + dt.timedelta(days=1)
        else:
            completed = dt.date(2025, 1, 13) + dt.timedelta(days=rng.randint(0, 330))
            valid_until = completed.replace(year=completed.year + BASIC_COURSE_YEARS) - dt.timedelta(days=1)
        swedish = "sv" in langs.split(";")
        course = "Grundutbildning för länkpersoner" if swedish else "Hyvinvointilähetin peruskoulutus"
        competences = "link_work;swedish_language" if swedish else "link_work"
        training.append([wid, course, completed.isoformat(), valid_until.isoformat(), competences])
        topic, competence = TOPIC_COURSES[specialisms.split(";")[0]]
        topic_day = completed + dt.timedelta(days=rng.randint(30, 200))
        training.append([wid, topic, min(topic_day, AS_OF).isoformat(), "", competence])
        if KINDS[wid] == "peer_supporter":
            peer_day = completed - dt.timedelta(days=rng.randint(60, 400))
            training.append([wid, "Vertaistukijakoulutus", peer_day.isoformat(), "", "peer_support"])
    return supervision, training


def business_days_after(day: dt.date, n: int) -> dt.date:
    """The n-th weekday after `day` (holidays aside: the tool's calendar has them)."""
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def stamp(day: dt.date, hour: int, minute: int) -> str:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI).isoformat()


class Region:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.clients: list[list[str]] = []
        self.referrals: list[list[str]] = []
        self.events: list[list[str]] = []
        self.assessments: list[list[str]] = []
        self.locations: list[list[str]] = []
        # worker -> list of (first day, last day) of the supports they carry
        self.busy: dict[str, list[tuple[dt.date, dt.date]]] = {w[0]: [] for w in LINK_WORKERS}

    # ------------------------------------------------------------------ clients
    def client(self, n: int) -> dict[str, object]:
        rng = self.rng
        if rng.random() < 0.02:
            code = rng.choice(OUTSIDE)
            sv_share, other_share = 0.0, 0.01
        else:
            codes = list(MUNICIPALITIES)
            code = rng.choices(codes, [MUNICIPALITIES[c][4] for c in codes])[0]
            sv_share, other_share = MUNICIPALITIES[code][5], MUNICIPALITIES[code][6]
        u = rng.random()
        if u < sv_share:
            languages = ["sv", "fi"] if rng.random() < 0.6 else ["sv"]
        elif u < sv_share + other_share:
            other = rng.choice(OTHER_LANGUAGES)
            languages = [other] if other == "so" and rng.random() < 0.5 else [other, "fi"]
        else:
            languages = ["fi"]
        older = rng.random() < 0.45
        age = rng.randint(65, 92) if older else rng.randint(18, 64)
        if rng.random() < 0.01:
            age = 17
        living = rng.choices(["alone", "with_partner", "with_family", "with_others"], [5, 3, 2, 1])[0]
        if older and rng.random() < 0.04:
            living = "institutional_care"
        lat, lon = self.centre(code)
        spread = 0.12 if code == 272 else 0.06  # Kokkola reaches far inland and along the coast
        self.locations.append([f"C-{n:04d}", f"{lat + rng.uniform(-spread, spread) / 2:.3f}",
                               f"{lon + rng.uniform(-spread, spread):.3f}"])
        return {"id": f"C-{n:04d}", "birth_year": 2026 - age, "age": age, "municipality": code,
                "languages": languages, "living": living}

    # ------------------------------------------------------------------ workers
    def pick_worker(self, client: dict[str, object], day: dt.date, exclude: str = "") -> str | None:
        """A worker who speaks one of the client's languages, near and with room on `day`."""
        lat, lon = self.centre(int(client["municipality"]))  # type: ignore[arg-type]
        best: tuple[float, str] | None = None
        for wid, langs, home, capacity, *_ in LINK_WORKERS:
            if wid == exclude or not set(langs.split(";")) & set(client["languages"]):  # type: ignore[arg-type]
                continue
            load = sum(1 for a, b in self.busy[wid] if a <= day <= b)
            if load >= capacity:
                continue
            wl, wo = self.centre(home)
            d = ((lat - wl) * 111.0) ** 2 + ((lon - wo) * 50.0) ** 2 + self.rng.uniform(0, 400)
            if best is None or d < best[0]:
                best = (d, wid)
        return None if best is None else best[1]

    @staticmethod
    def centre(code: int) -> tuple[float, float]:
        if code in MUNICIPALITIES:
            return MUNICIPALITIES[code][2], MUNICIPALITIES[code][3]
        return (63.70, 23.10) if code == 288 else (64.14, 25.37)

    # ------------------------------------------------------------------ referrals
    def referral(self, n: int, issued: dt.date) -> None:
        rng = self.rng
        rid = f"R-{n:04d}"
        c = self.client(n)
        pro = rng.choice(PROFESSIONALS)
        needs = rng.sample(NEEDS_BY_SECTOR[pro[1]], rng.choices([1, 2, 3], [3, 5, 2])[0])
        if "integration" in needs and c["languages"] == ["fi"]:
            needs.remove("integration")
            needs = needs or ["social_exclusion"]
        if c["age"] >= 65 and rng.random() < 0.5 and "loneliness" not in needs:  # type: ignore[operator]
            needs.insert(0, "loneliness")
        client_needs = list(needs)
        if rng.random() < 0.3:
            client_needs.append(rng.choice(["physical_inactivity", "digital_exclusion", "meaningful_activity"]))
            client_needs = list(dict.fromkeys(client_needs))
        self.clients.append([str(c["id"]), str(c["birth_year"]), f"{c['municipality']:03d}",
                             ";".join(c["languages"]), str(c["living"]), ";".join(client_needs)])  # type: ignore[arg-type]
        priority = "urgent" if rng.random() < 0.15 else "routine"
        hour, minute = rng.randint(8, 15), rng.choice([0, 10, 20, 30, 40, 50])
        consent = rng.random() > 0.03
        self.referrals.append([rid, str(c["id"]), pro[0], ";".join(needs), priority,
                               stamp(issued, hour, minute) if consent else ""])

        # screening data the rule set reads (what the referrer recorded)
        wellbeing = round(min(10.0, max(0.0, rng.gauss(4.6, 1.6))), 1)
        medical = rng.random() < 0.05
        own = rng.random() < 0.04
        missing = rng.random() < 0.03
        self.assessments.append([rid, "" if missing else f"{wellbeing}", "" if missing else str(medical).lower(),
                                 str(own).lower()])

        events: list[list[str]] = []

        def event(name: str, day: dt.date, h: int, m: int, role: str, actor: str, reason: str = "",
                  worker: str = "", note: str = "") -> None:
            events.append([rid, name, stamp(day, h, m), role, actor, reason, worker, note])

        if not consent:  # a draft: the referral cannot be issued without consent
            return
        event("issue", issued, hour, minute + 5, "referrer", pro[0])
        if issued >= SCREENING_FROM:
            self.events.extend(events)
            return
        if rng.random() < 0.02:
            event("cancel", business_days_after(issued, 1), 8, 30, "referrer", pro[0], "client_declined")
            self.events.extend(events)
            return
        decided = business_days_after(issued, rng.choice([1, 1, 1, 2]))
        eligible_age = c["age"] >= 18 and not (c["age"] >= 65 and c["living"] == "institutional_care")  # type: ignore[operator]
        if c["municipality"] in OUTSIDE:
            event("reject", decided, 9, 30, "coordinator", "LW-COORD", "out_of_area")
        elif medical and not missing:
            event("reject", decided, 9, 30, "coordinator", "LW-COORD", "needs_medical_care",
                  note="Ohjattu terveyspalveluihin.")
        elif own or not eligible_age:
            event("reject", decided, 9, 30, "coordinator", "LW-COORD", "not_eligible")
        else:
            event("accept", decided, 9, 0, "coordinator", "LW-COORD")
            if decided < WAITING_FROM:
                self.support(c, decided, event)
        self.events.extend(events)

    def support(self, c: dict[str, object], accepted: dt.date, event) -> None:  # type: ignore[no-untyped-def]
        rng = self.rng
        assigned = business_days_after(accepted, rng.choice([0, 0, 1, 2]))
        worker = self.pick_worker(c, assigned)
        if worker is None:
            return  # waits in accepted: no worker with room speaks the client's language
        event("assign", assigned, 10, 5, "coordinator", "LW-COORD", worker=worker)
        # first contact within about 1-8 business days, some late
        lag = rng.randint(1, 8) if rng.random() > 0.12 else rng.randint(9, 16)
        contact = business_days_after(assigned, lag)
        if rng.random() < 0.06:  # never reached
            end = assigned + dt.timedelta(days=30 + rng.randint(0, 10))
            end = weekday_on_or_after(end)
            if end <= AS_OF:
                event("discontinue", end, 9, 0, "coordinator", "LW-COORD", "could_not_contact")
            self.busy[worker].append((assigned, min(end, AS_OF)))
            return
        if contact > AS_OF:
            self.busy[worker].append((assigned, AS_OF))
            return
        event("first_contact", contact, rng.randint(9, 14), 0, "link_worker", worker)
        end = weekday_on_or_after(contact + dt.timedelta(weeks=rng.randint(6, 14), days=rng.randint(0, 4)))
        day = contact
        current = worker
        if rng.random() < 0.15:  # a pause of one to three weeks
            paused = weekday_on_or_after(contact + dt.timedelta(days=rng.randint(14, 35)))
            if paused < min(end, AS_OF):
                event("pause", paused, 11, 0, "link_worker", current, rng.choice(["client_ill", "client_away"]))
                resumed = weekday_on_or_after(paused + dt.timedelta(weeks=rng.randint(1, 3)))
                if resumed > AS_OF:
                    self.busy[current].append((assigned, AS_OF))
                    return
                event("resume", resumed, 11, 0, "link_worker", current)
                end = max(end, resumed + dt.timedelta(days=7))
                end = weekday_on_or_after(end + (resumed - paused))
                day = resumed
        if rng.random() < 0.05:  # the worker goes on leave: another takes over
            moved = weekday_on_or_after(day + dt.timedelta(days=rng.randint(7, 20)))
            other = self.pick_worker(c, moved, exclude=current)
            if other is not None and moved < min(end, AS_OF):
                event("reassign", moved, 8, 30, "coordinator", "LW-COORD", "worker_on_leave", worker=other)
                self.busy[current].append((assigned, moved))
                current, assigned = other, moved
        if end > AS_OF:
            self.busy[current].append((assigned, AS_OF))
            return
        u = rng.random()
        if u < 0.62:
            event("complete", end, 13, 0, "link_worker", current, "goals_reached")
        elif u < 0.85:
            event("complete", end, 13, 0, "link_worker", current, "support_period_ended")
        elif u < 0.97:
            event("discontinue", end, 13, 0, "link_worker", current, "client_withdrew")
        else:
            event("discontinue", end, 13, 0, "coordinator", "LW-COORD", "moved_away")
        self.busy[current].append((assigned, end))

    def generate(self) -> None:
        days = []
        day = FIRST_DAY
        while day <= AS_OF - dt.timedelta(days=3):
            if day.weekday() < 5:
                days.append(day)
            day += dt.timedelta(days=1)
        issued = sorted(self.rng.choice(days) for _ in range(REFERRALS))
        for n, d in enumerate(issued, start=1):
            self.referral(n, d)


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def files(seed: int) -> dict[str, str]:
    r = Region(seed)
    r.generate()
    region = {
        "name": "Keski-Pohjanmaa (Soite), synthetic sample region",
        "as_of": AS_OF.isoformat(),
        "rule_sets": ["../rules/wellbeing-referral.json"],
        "rule_set": "wellbeing-referral",
        "support_policy": "support-policy.json",
        "matching_policy": "matching-policy.json",
        "catalogue": "catalogue.json",
        "mobility_radius_km": 30,
        "recommendations": 3,
    }
    support = {
        "id": "soite-support", "version": "2026.1", "region": "Keski-Pohjanmaa (Soite)",
        "valid_from": "2026-01-01", "valid_to": None,
        "first_contact": {"within": 10, "unit": "business_days"},
        "meetings": {"max": 12},
        "length": {"max": 12, "unit": "weeks"},
        "extensions": {"max": 1, "length": 6, "unit": "weeks", "reason_required": True},
        "pauses": {"max_total": 6, "unit": "weeks"},
        "no_contact": {"discontinue_after_days": 30, "warn_days_before": 7},
        "follow_up": {"after": 3, "unit": "months"},
        "due_soon": {"business_days": 5},
    }
    matching = {
        "id": "soite-matching", "version": "2026.1",
        "hard": {"shared_language": True, "availability_overlap": True, "requested_gender": True,
                 "meeting_mode_overlap": False, "travel_radius": True, "active": True,
                 "training_valid": True, "supervision_current": True},
        "excluded_pairs": [],
        "weights": {"distance": 30, "specialism": 25, "preferences": 15, "continuity": 20, "caseload": 10,
                    "language": 10},
        "distance": {"method": "haversine", "scale_km": 80},
        "unassigned_penalty": 40,
        "workforce": {
            "kinds": {
                "professional": {"caseload_limit": 12,
                                 "meeting_modes": ["in_person", "home_visit", "phone", "video"],
                                 "supervision_interval_days": SUPERVISION_INTERVAL_DAYS,
                                 "required_training": ["link_work"]},
                "volunteer": {"caseload_limit": 8, "meeting_modes": ["in_person", "phone", "video"],
                              "supervision_interval_days": SUPERVISION_INTERVAL_DAYS,
                              "required_training": ["link_work"]},
                "peer_supporter": {"caseload_limit": 6, "meeting_modes": ["in_person", "phone", "video"],
                                   "supervision_interval_days": SUPERVISION_INTERVAL_DAYS,
                                   "required_training": ["link_work"]},
            },
            "training_adds_specialisms": True,
            "continuity": {"prefer_earlier_worker": True, "require_earlier_worker": False,
                           "return_after_leave": True},
        },
    }
    municipalities = [[f"{code:03d}", v[0], v[1], f"{v[2]:.4f}", f"{v[3]:.4f}"] for code, v in MUNICIPALITIES.items()]
    municipalities += [["288", "Kruunupyy", "Kronoby", "63.7000", "23.1000"],
                       ["071", "Haapavesi", "Haapavesi", "64.1400", "25.3700"]]
    supervision, training = workforce(seed)
    workers = []
    for wid, langs, home, capacity, specialisms, gender, availability, radius in LINK_WORKERS:
        lat, lon = Region.centre(home)
        workers.append([wid, langs, f"{home:03d}", str(capacity), f"{lat:.4f}", f"{lon:.4f}", str(radius),
                        specialisms, gender, availability, "", "2026-01-01", "", KINDS[wid], supervision[wid]])
    return {
        "region.json": json.dumps(region, ensure_ascii=False, indent=2) + "\n",
        "support-policy.json": json.dumps(support, ensure_ascii=False, indent=2) + "\n",
        "matching-policy.json": json.dumps(matching, ensure_ascii=False, indent=2) + "\n",
        "municipalities.csv": csv_text(["code", "name_fi", "name_sv", "lat", "lon"], municipalities),
        "clients.csv": csv_text(["client_id", "birth_year", "municipality", "languages", "living_situation", "needs"],
                                r.clients),
        "professionals.csv": csv_text(["professional_id", "sector", "organisation", "title"],
                                      [list(p[:4]) for p in PROFESSIONALS]),
        "referrals.csv": csv_text(["referral_id", "client_id", "professional_id", "needs", "priority",
                                   "consent_given_at"], r.referrals),
        "events.csv": csv_text(["referral_id", "event", "at", "role", "actor_id", "reason", "link_worker_id", "note"],
                               r.events),
        "assessments.csv": csv_text(["referral_id", "wellbeing", "needs_medical_care", "own_resources_sufficient"],
                                    r.assessments),
        "client_locations.csv": csv_text(["client_id", "lat", "lon"], r.locations),
        "link_workers.csv": csv_text(["worker", "languages", "municipality", "capacity", "lat", "lon",
                                      "travel_radius_km", "specialisms", "gender", "availability", "meeting_modes",
                                      "active_from", "active_to", "kind", "last_supervision"], workers),
        "training.csv": csv_text(["worker", "course", "completed_on", "valid_until", "competences"], training),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail if the files differ from the generated ones")
    args = parser.parse_args()
    generated = files(args.seed)
    if args.check:
        stale = [name for name, text in generated.items()
                 if not (args.out / name).exists() or (args.out / name).read_text(encoding="utf-8") != text]
        if stale:
            print("generate_region.py: out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in generated.items():
        (args.out / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Write a synthetic news corpus for kb's benchmarks, as JSON Lines.

Usage: tools/gen-corpus.py [--mb N] [--seed S] [-o FILE]

Writes about N megabytes (10**6 bytes of article text, default 10) of news
articles, one {"id","title","text","dct","source"} object per line, to FILE
or standard output.  The output is a function of N and S only: the same
arguments give the same bytes on every machine (Python's random.Random with
an integer seed is stable across versions), and a larger N extends a smaller
one (the first articles of --mb 400 are those of --mb 100).

Every article is made from scratch: a dateline, a headline and five to
twenty-five sentences drawn from the templates below, about people (given
names from kb/data/first-names.txt with the surnames below), places of the
built-in gazetteer (kb/data/gazetteer.tsv: cities with their countries),
countries and demonyms (kb/data/countries.tsv), organisations
(kb/data/orgs.tsv), titles, and dates written the many ways news writes
them.  No article is ever repeated: a hash of each text is kept and a
repeat is drawn again.  The templates were written for this generator; no
corpus text is used.
"""
import argparse
import hashlib
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "kb", "data")

SURNAMES = """
Abbott Adeyemi Alvarez Andersen Antonov Arslan Bauer Becker Bianchi Bondarenko
Boyko Brennan Campbell Castillo Chandra Chen Clarke Costa Dahl Demir Dimitrov
Dubois Duarte Edwards Eriksen Fischer Fitzgerald Fonseca Garcia Gonzalez Grant
Gupta Haddad Hansen Hartmann Hashemi Hoffmann Horvat Hughes Ibrahim Ivanova
Jensen Johansson Kamau Kapoor Karimi Kato Kaya Keller Kim Kovacs Kowalski Kozlov
Kravchenko Kumar Laurent Lebedev Lehmann Lindqvist Lopez Lund Mahmoud Marchetti
Martins Mazur Medina Mendes Mensah Meyer Moreau Morozov Mueller Murphy Nakamura
Nguyen Nielsen Novak Novikova Obi Odhiambo Okafor Oliveira Olsen Omar Ortega
Park Pavlenko Pereira Petrov Popescu Quinn Rahman Ramos Reyes Ricci Rossi Saleh
Santos Sato Schmidt Schneider Shevchenko Silva Sokolov Sorensen Suzuki Tanaka
Tkachenko Torres Traore Vargas Vasquez Volkov Wagner Walsh Weber Wojcik Yamamoto
Yilmaz Zhang Zhou Zielinski Morales Ndlovu Banda Mwangi Owusu Diallo Nasser
Farouk Khalil Aziz Yusuf Sharma Iyer Das Bose Pham Tran Lee Wong Ito Hayashi
""".split()

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
            "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMWORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "a dozen", "several", "dozens of"]
UNITS = ["days", "weeks", "months", "years"]

# Verb phrases by event kind, past tense, each followed by a target.
ACTS = {
    "attack": ["launched missile strikes on", "shelled", "attacked", "bombed",
               "fired rockets at", "carried out air strikes against", "ambushed"],
    "meet": ["met", "held talks with", "met with", "hosted", "received"],
    "accuse": ["accused", "criticized", "condemned", "blamed", "denounced"],
    "agree": ["signed an agreement with", "reached a deal with", "agreed to cooperate with",
              "signed a ceasefire with", "pledged support for"],
    "aid": ["sent humanitarian aid to", "provided military assistance to",
            "pledged $%d million in aid to", "delivered food and medicine to"],
    "sanction": ["imposed sanctions on", "expelled diplomats from", "cut ties with",
                 "suspended talks with", "threatened", "warned"],
    "appeal": ["urged", "called on", "appealed to", "asked"],
    "arrest": ["arrested", "detained", "charged", "sentenced"],
    "visit": ["visited", "traveled to", "arrived in"],
    "protest": ["protested against", "rallied against", "demonstrated against"],
}

SOURCES = ["wire", "daily", "tribune", "herald", "post", "observer", "chronicle",
           "gazette", "times", "monitor", "courier", "dispatch"]


def read_tsv(name):
    path = os.path.join(DATA, name)
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def load_world():
    """Countries, cities by country, organisations, first names, titles."""
    countries = {}
    for row in read_tsv("countries.tsv"):
        if len(row) < 8 or not row[2]:
            continue
        dem = [d for d in row[7].split("|") if d and not d.endswith("s")] or \
              [d for d in row[7].split("|") if d]
        countries[row[0]] = {"name": row[2], "capital": row[5], "demonym": dem[0] if dem else ""}
    cities = {}
    try:
        for row in read_tsv("gazetteer.tsv"):
            if len(row) < 9 or not row[5].startswith("P.") or row[6] not in countries:
                continue
            try:
                pop = int(row[8] or 0)
            except ValueError:
                continue
            if pop >= 50000 and row[1].isascii():
                cities.setdefault(row[6], []).append(row[1])
    except OSError:
        pass
    for cc, c in countries.items():  # every country has at least its capital
        if c["capital"] and c["capital"].isascii():
            cities.setdefault(cc, []).append(c["capital"])
    codes = sorted(cc for cc in countries if cc in cities and countries[cc]["demonym"])
    orgs = sorted({row[0] for row in read_tsv("orgs.tsv") if len(row) >= 3 and row[2] == "ORG"})
    first = []
    with open(os.path.join(DATA, "first-names.txt"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                first.extend(w for w in line.split() if w.isascii())
    for cc in cities:
        cities[cc].sort()
    return countries, cities, codes, orgs, sorted(set(first))


TITLES = ["President", "Prime Minister", "Foreign Minister", "Defense Minister",
          "Interior Minister", "Finance Minister", "Health Minister", "Gen.", "Col.",
          "Ambassador", "Governor", "Mayor", "Sen.", "opposition leader", "Chancellor"]


class Article:
    """One article's cast: the people, places and dates it keeps coming back to."""

    def __init__(self, g, rng, dct):
        self.g, self.rng, self.dct = g, rng, dct
        self.cc = rng.choice(g.codes)
        self.cc2 = rng.choice(g.codes)
        while self.cc2 == self.cc and len(g.codes) > 1:
            self.cc2 = rng.choice(g.codes)
        self.people = [self.new_person(rng.choice((self.cc, self.cc2))) for _ in range(rng.randint(2, 5))]
        self.mentioned = set()

    def new_person(self, cc):
        rng = self.rng
        return (rng.choice(self.g.first), rng.choice(SURNAMES), rng.choice(TITLES), cc)

    def country(self, which=None):
        return self.g.countries[which or self.rng.choice((self.cc, self.cc2))]["name"]

    def pair(self):
        """The article's two countries, in random order."""
        return (self.country(self.cc), self.country(self.cc2)) if self.rng.random() < 0.5 else \
            (self.country(self.cc2), self.country(self.cc))

    def demonym(self, which=None):
        return self.g.countries[which or self.rng.choice((self.cc, self.cc2))]["demonym"]

    def city(self, which=None):
        return self.rng.choice(self.g.cities[which or self.rng.choice((self.cc, self.cc2))])

    def person(self):
        """A person: full name with title the first time, surname after."""
        p = self.rng.choice(self.people)
        if p in self.mentioned:
            return p[1] if self.rng.random() < 0.7 else f"{p[0]} {p[1]}"
        self.mentioned.add(p)
        demonym = self.g.countries[p[3]]["demonym"]
        if self.rng.random() < 0.5:
            return f"{demonym} {p[2]} {p[0]} {p[1]}" if p[2][0].isupper() else f"{p[2]} {p[0]} {p[1]}"
        return f"{p[2]} {p[0]} {p[1]}"

    def actor(self):
        r = self.rng.random()
        if r < 0.35:
            return self.person()
        if r < 0.55:
            return self.country()
        if r < 0.7:
            return self.rng.choice(self.g.orgs) if self.rng.random() < 0.5 else "the " + self.rng.choice(self.g.orgs)
        if r < 0.85:
            return f"{self.demonym()} {self.rng.choice(['troops', 'forces', 'officials', 'police', 'authorities', 'government', 'lawmakers'])}"
        return f"the government in {self.city()}"

    def date(self):
        """A date expression relative to or independent of the article's date."""
        rng, y = self.rng, self.dct[0]
        r = rng.random()
        if r < 0.2:
            return "on " + WEEKDAYS[rng.randrange(7)]
        if r < 0.3:
            return rng.choice(["yesterday", "today", "last week", "this week", "last month",
                               "earlier this year", "last year", "on Monday morning",
                               "late on Tuesday", "this morning", "next week", "next month"])
        if r < 0.5:
            m = rng.randrange(12)
            return f"on {MONTHS[m]} {rng.randint(1, 28)}" if rng.random() < 0.5 else \
                f"on {rng.randint(1, 28)} {MONTHS[m]}"
        if r < 0.6:
            m = rng.randrange(12)
            return f"on {MON_ABBR[m]} {rng.randint(1, 28)}, {y - rng.randint(0, 3)}"
        if r < 0.7:
            return f"in {MONTHS[rng.randrange(12)]} {y - rng.randint(0, 6)}"
        if r < 0.78:
            return f"{rng.choice(NUMWORDS)} {rng.choice(UNITS)} ago"
        if r < 0.86:
            return f"in {y - rng.randint(1, 30)}"
        if r < 0.93:
            return f"since {y - rng.randint(1, 20)}"
        return f"on {y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    def act(self, kind=None):
        kind = kind or self.rng.choice(sorted(ACTS))
        v = self.rng.choice(ACTS[kind])
        return v % self.rng.randint(2, 900) if "%d" in v else v


def cap(s):
    return s[:1].upper() + s[1:]


SUBJECTS = ["The decision", "The move", "The announcement", "The measure", "The vote",
            "The proposal", "The report", "The ruling", "The offensive", "The shortage",
            "The new law", "The investigation", "The deal", "The crisis", "The delay"]
PREDICATES = ["came after weeks of difficult negotiations",
              "was widely seen as a setback for the government",
              "drew sharp criticism from opposition parties and rights groups",
              "is likely to raise prices for households and small businesses",
              "has divided opinion among lawmakers and the public",
              "follows months of rising tension along the border",
              "could take years to carry out in full",
              "was welcomed by business leaders but criticised by unions",
              "surprised many observers, who had expected a compromise",
              "left thousands of families uncertain about their future",
              "is the latest in a series of setbacks for the ruling coalition",
              "was approved by a narrow margin after a long debate"]
FILLERS = [
    "It was not immediately clear how many people had been affected.",
    "The details of the plan have not been made public.",
    "Prices for food and fuel have risen sharply over the past year.",
    "Many residents said they had little hope that the situation would improve soon.",
    "Officials did not respond to requests for comment.",
    "The figures could not be independently verified.",
    "Schools and hospitals in the area remained closed, and many shops were shuttered.",
    "Aid groups have warned that the number of people in need is likely to grow.",
    "The government has promised to rebuild the damaged roads and bridges.",
    "Critics say the measures do not go far enough to protect workers.",
    "Negotiators said they had made progress but that important differences remained.",
    "The cause of the fire is under investigation.",
    "Turnout was lower than in previous elections, according to preliminary results.",
    "Security was tight, with armed police patrolling the main streets.",
]


def filler(a):
    """A sentence of background, with few names."""
    rng = a.rng
    if rng.random() < 0.5:
        return rng.choice(FILLERS)
    return f"{rng.choice(SUBJECTS)} {rng.choice(PREDICATES)}."


def sentence(a):
    """One sentence of news, in one of many shapes."""
    rng = a.rng
    if rng.random() < 0.5:
        return filler(a)
    k = rng.randrange(32)
    if k == 0:
        return f"{cap(a.actor())} {a.act(rng.choice(['attack', 'meet', 'sanction', 'agree', 'aid']))} {a.actor()} {a.date()}, {rng.choice(['officials said', 'according to local media', 'witnesses said', 'a spokesman said'])}."
    if k == 1:
        return f"{cap(a.date())}, {a.actor()} {a.act('attack')} {a.city()}, killing at least {rng.randint(2, 140)} people and wounding {rng.randint(3, 400)} others."
    if k == 2:
        return f"\"We will not accept this,\" {a.person()} told reporters in {a.city()}."
    if k == 3:
        p1, p2 = a.person(), a.person()
        return f"{cap(p1)} {a.act('meet')} {p2 if p2 != p1 else a.country()} in {a.city()} {a.date()} to discuss {rng.choice(['the ceasefire', 'trade', 'energy supplies', 'the refugee crisis', 'border security', 'a prisoner exchange', 'grain exports'])}."
    if k == 4:
        return f"The {a.demonym()} {rng.choice(['foreign ministry', 'defense ministry', 'government', 'parliament', 'central bank'])} said {a.date()} that it had {a.act()} {a.actor()}."
    if k == 5:
        c1, c2 = a.pair()
        return f"{c1} {a.act('sanction')} {c2} after {a.actor()} {a.act('attack')} {a.city()}."
    if k == 6:
        return f"Thousands of people {a.act('protest')} the government in {a.city()} {a.date()}, and police {a.act('arrest')} {rng.randint(3, 300)} demonstrators."
    if k == 7:
        return f"{cap(a.person())}, who has led the {rng.choice(['party', 'ministry', 'army', 'agency', 'delegation'])} since {a.dct[0] - rng.randint(1, 15)}, {rng.choice(['denied', 'rejected', 'dismissed'])} the {rng.choice(['reports', 'allegations', 'claims'])} as {rng.choice(['baseless', 'propaganda', 'a provocation', 'false'])}."
    if k == 8:
        c1, c2 = a.pair()
        return f"{c1 if rng.random() < 0.6 else rng.choice(a.g.orgs)} {a.act('aid')} {c2} {a.date()}."
    if k == 9:
        c1, c2 = a.pair()
        return f"Talks between {c1} and {c2} are expected to resume in {a.city()} {rng.choice(['next week', 'next month', 'in the coming days', 'on ' + rng.choice(WEEKDAYS)])}."
    if k == 10:
        return f"{cap(a.actor())} {a.act('appeal')} {a.actor()} to {rng.choice(['halt the offensive', 'release the prisoners', 'open humanitarian corridors', 'return to the negotiating table', 'respect the ceasefire'])}."
    if k == 11:
        return f"More than {rng.randint(2, 90)},{rng.randint(100, 999)} people have fled {a.city()} since {MONTHS[rng.randrange(12)]}, according to the {rng.choice(a.g.orgs)}."
    if k == 12:
        return f"{cap(a.person())} {a.act('visit')} {a.city()}, {a.country()}, {a.date()}, the first such visit in {rng.randint(2, 30)} years."
    if k == 13:
        return f"Prosecutors in {a.city()} {a.act('arrest')} {a.person()} on {rng.choice(['corruption', 'fraud', 'espionage', 'treason', 'money-laundering'])} charges {a.date()}."
    if k == 14:
        return f"The agreement, signed {a.date()}, runs for {rng.randint(2, 25)} years and covers {rng.choice(['gas transit', 'fishing rights', 'arms sales', 'nuclear inspections', 'migration'])}."
    if k == 15:
        return f"{a.country()}'s economy shrank by {rng.randint(1, 9)}.{rng.randint(0, 9)} percent in the {rng.choice(['first', 'second', 'third', 'fourth'])} quarter, the statistics office said {a.date()}."
    if k == 16:
        return f"In {a.city()}, {a.demonym()} {rng.choice(['soldiers', 'troops', 'police officers', 'volunteers', 'engineers'])} {rng.choice(['cleared rubble', 'set up checkpoints', 'restored power', 'evacuated residents', 'dug trenches'])} {a.date()}."
    if k == 17:
        return f"{cap(a.person())} said the {rng.choice(['decision', 'move', 'attack', 'vote', 'deal'])} was \"{rng.choice(['a turning point', 'unacceptable', 'long overdue', 'a grave mistake', 'a step forward'])}\" and {a.act('appeal')} {a.actor()} to respond."
    if k == 18:
        return f"The {rng.choice(a.g.orgs)} will meet in {a.city()} {a.date()} to review {rng.choice(['the sanctions', 'the budget', 'the mission', 'the findings', 'the request'])}."
    if k == 19:
        return f"Heavy rain and flooding {rng.choice(['killed', 'displaced', 'stranded'])} {rng.randint(10, 5000)} people in {a.city()} and {a.city()} {a.date()}."
    if k == 20:
        return f"Asked about the {rng.choice(['talks', 'strikes', 'elections', 'protests'])}, {a.person()} {rng.choice(['declined to comment', 'said nothing had been decided', 'said more meetings were planned'])}."
    if k == 21:
        return f"{a.demonym()} voters go to the polls {a.date()} in an election that {a.person()} is widely expected to win."
    if k == 22:
        return f"The {rng.choice(['convoy', 'ship', 'train', 'flight'])} left {a.city()} for {a.city()} {a.date()} carrying {rng.randint(2, 90)} tonnes of {rng.choice(['wheat', 'medicine', 'fuel', 'equipment'])}."
    if k == 23:
        return f"{cap(a.actor())} has {rng.choice(['repeatedly', 'publicly', 'so far'])} {rng.choice(['denied', 'rejected', 'acknowledged'])} any role in the {rng.choice(['explosion', 'cyberattack', 'shooting', 'blockade'])} in {a.city()}."
    if k == 24:
        return f"For {rng.choice(NUMWORDS)} {rng.choice(UNITS)}, residents of {a.city()} have lived without {rng.choice(['electricity', 'running water', 'heating', 'internet access'])}."
    if k == 25:
        return f"{cap(a.person())} {rng.choice(['accused', 'has accused', 'again accused'])} {a.actor()} of {rng.choice(['violating the truce', 'war crimes', 'spreading disinformation', 'blocking aid', 'election fraud'])} {a.date()}."
    if k == 26:
        return f"Officials in {a.city()} said {rng.randint(2, 60)} {rng.choice(['civilians', 'soldiers', 'children', 'aid workers'])} had been {rng.choice(['killed', 'injured', 'evacuated', 'rescued'])} {a.date()}."
    if k == 27:
        return f"The {rng.choice(['summit', 'conference', 'hearing', 'trial'])} is scheduled to open {a.date()} and last {rng.randint(2, 12)} days."
    if k == 28:
        c1, c2 = a.pair()
        return f"{c1} and {c2} {rng.choice(['signed a peace treaty', 'restored diplomatic relations', 'settled their border dispute', 'agreed to a prisoner swap'])} {a.date()}, ending {rng.randint(2, 40)} years of {rng.choice(['dispute', 'hostility', 'border clashes', 'trade war'])}."
    if k == 29:
        return f"Every year since {a.dct[0] - rng.randint(2, 30)}, {a.demonym()} {rng.choice(['fishermen', 'farmers', 'students', 'veterans'])} have gathered in {a.city()} on {MONTHS[rng.randrange(12)]} {rng.randint(1, 28)}."
    if k == 30:
        return f"{cap(a.person())} is due to {rng.choice(['travel to', 'speak in', 'return to'])} {a.city()} {rng.choice(['on ' + rng.choice(WEEKDAYS), 'next week', 'later this month', 'in ' + MONTHS[rng.randrange(12)]])}."
    return f"{rng.choice(['Analysts', 'Diplomats', 'Economists', 'Residents'])} in {a.city()} said the {rng.choice(['crisis', 'standoff', 'conflict', 'recovery'])} could last {rng.choice(['for months', 'until next year', 'for years', 'into the winter'])}."


def headline(a):
    rng = a.rng
    k = rng.randrange(6)
    if k == 0:
        c1, c2 = a.pair()
        return f"{c1} and {c2} Agree to Resume Talks"
    if k == 1:
        return f"Strikes Hit {a.city()} as Fighting Spreads"
    if k == 2:
        return f"{a.demonym()} Leader Visits {a.city()}"
    if k == 3:
        return f"Protests Grow in {a.city()} Over {rng.choice(['Prices', 'Election Result', 'New Law', 'Arrests'])}"
    if k == 4:
        return f"{rng.choice(a.g.orgs)} Warns of {rng.choice(['Famine', 'Escalation', 'Debt Crisis', 'Epidemic'])}"
    return f"{cap(a.person())} Meets {a.country()} Delegation in {a.city()}"


class World:
    def __init__(self):
        self.countries, self.cities, self.codes, self.orgs, self.first = load_world()
        if not self.codes or not self.orgs or not self.first:
            sys.exit("gen-corpus: kb/data tables are missing or empty")


def article(g, rng, n, seed):
    y = rng.randint(2000, 2024)
    dct = (y, rng.randint(1, 12), rng.randint(1, 28))
    a = Article(g, rng, dct)
    title = headline(a)
    dateline = a.city(a.cc).upper()
    paras = []
    for p in range(rng.randint(2, 7)):
        sents = [sentence(a) for _ in range(rng.randint(1, 5))]
        if p == 0:
            sents[0] = f"{dateline} — {sents[0]}"
        paras.append(" ".join(sents))
    text = title + "\n\n" + "\n\n".join(paras)
    return {"id": f"gen-{seed}-{n}", "title": title, "text": text,
            "dct": f"{dct[0]}-{dct[1]:02d}-{dct[2]:02d}",
            "source": f"https://{rng.choice(SOURCES)}.example.com/{y}/{n}"}


def main():
    ap = argparse.ArgumentParser(description="Write a synthetic news corpus as JSON Lines.")
    ap.add_argument("--mb", type=float, default=10, help="megabytes of article text (default 10)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("-o", "--output", help="output file (default standard output)")
    args = ap.parse_args()
    g = World()
    rng = random.Random(args.seed)
    target = int(args.mb * 1e6)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    seen = set()
    total = n = 0
    while total < target:
        doc = article(g, rng, n, args.seed)
        h = hashlib.blake2b(doc["text"].encode(), digest_size=8).digest()
        if h in seen:
            continue
        seen.add(h)
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        total += len(doc["text"].encode())
        n += 1
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()

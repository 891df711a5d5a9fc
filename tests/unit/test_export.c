/*
 * test_export.c -- the exporters and the read-side queries behind them, on a
 * small knowledge base written with SQL (so the tests do not move when
 * extraction improves).
 *
 * Test plan:
 *   exp-1.x  escaping: XML/HTML, iCalendar TEXT, iCalendar line folding
 *            (75 octets, never inside a UTF-8 sequence), Markdown, DOT
 *   exp-2.x  filter helpers: LAT,LON parsing, CAMEO root names
 *   exp-3.x  timeline filters: alias, place alias, --type (code, root, root
 *            name, kb type, bad code), --near (R*Tree box, across the
 *            antimeridian), --min-sources, dates, order,
 *            --limit across dated and undated events, --exclude-claimed
 *   exp-4.x  graph views: events, actors (weights, dominant quad class),
 *            places, --min-weight, --top, ego network by alias and depth,
 *            unknown actor
 *   exp-5.x  formats: every timeline format and every graph format writes
 *            and parses (JSON, GeoJSON writer); the GeoJSON writer refuses
 *            coordinates off the globe; clusters render in every view
 *   exp-6.x  write errors: every timeline format, the graph formats and SQL
 *            report KB_EIO on a full device (/dev/full)
 */
#include "export/export.h"
#include "t.h"

#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/kb-test-export-XXXXXX";
/* the one Graphviz context of this process (see kb_renderer_new) */
static struct kb_renderer *renderer;

/* ---- The fixture ---- */

static const char fixture[] =
    "INSERT INTO nodes(id, kind, name) VALUES"
    " (1, 'article', 'a1'), (2, 'article', 'a2'),"
    " (10, 'actor', 'Russia'), (11, 'actor', 'Ukraine'), (12, 'actor', 'Belarus'),"
    " (13, 'actor', 'Alexander Lukashenko'),"
    " (20, 'place', 'Kyiv'), (21, 'place', 'Kharkiv'), (22, 'place', 'Minsk'),"
    " (100, 'event', 'e'), (101, 'event', 'e'), (102, 'event', 'e'), (103, 'event', 'e'),"
    " (104, 'event', 'e'), (105, 'event', 'e'), (106, 'event', 'e');"
    "INSERT INTO articles(id, sha256, title, source, dct, bytes, text) VALUES"
    " (1, 'aa', 'First, \"quoted\"', 'https://example.org/1', '2022-03-01', 10, 'x'),"
    " (2, 'bb', 'Second', 'Agency', '2022-03-02', 10, 'y');"
    "INSERT INTO sentences VALUES (1, 0, 0, 10, 'Russia attacked Kyiv; it said so.'),"
    " (2, 0, 0, 10, 'Kyiv was attacked.');"
    "INSERT INTO entities(id, type, name, country) VALUES (10, 'GPE', 'Russia', 'RU'), (11, 'GPE', 'Ukraine', 'UA'),"
    " (12, 'GPE', 'Belarus', 'BY'), (13, 'PERSON', 'Alexander Lukashenko', NULL);"
    "INSERT INTO aliases VALUES (10, 'Moscow', 1), (13, 'Lukashenka', 1);"
    "INSERT INTO places(id, name, lat, lon, country, key) VALUES"
    " (20, 'Kyiv', 50.45466, 30.5238, 'UA', 'k1'), (21, 'Kharkiv', 49.98081, 36.25272, 'UA', 'k2'),"
    " (22, 'Minsk', 53.9, 27.56667, 'BY', 'k3');"
    "INSERT INTO mentions(article, sentence, start, end, text, type, place)"
    " VALUES (1, 0, 16, 20, 'Kiev', 'GPE', 20);"
    "INSERT INTO events(id, type, cameo, root, quad, actor, target, place, date, first_day,"
    " last_day, precision, negated, hypothetical, claimed, claimed_by) VALUES"
    " (100, 'ATTACK', '190', '19', 4, 10, 11, 20, '2022-02-24', '2022-02-24', '2022-02-24',"
    "  'day', 0, 0, 0, NULL),"
    " (101, 'ACCUSE', '112', '11', 3, 10, 11, NULL, '2022-03', '2022-03-01', '2022-03-31',"
    "  'month', 0, 0, 0, NULL),"
    " (102, 'SHELL', '194', '19', 4, 10, 11, 21, '2022-W13', '2022-03-28', '2022-04-03',"
    "  'week', 0, 0, 0, NULL),"
    " (103, 'ACCUSE', '112', '11', 3, 11, 10, NULL, NULL, NULL, NULL, 'none', 0, 0, 0, NULL),"
    " (104, 'STATEMENT', '010', '01', 1, 13, 11, 22, '2022-02-25', '2022-02-25', '2022-02-25',"
    "  'day', 1, 0, 0, NULL),"
    " (105, 'MEET', '040', '04', 1, 12, 10, 22, '2022-02-20', '2022-02-20', '2022-02-20',"
    "  'day', 0, 1, 0, NULL),"
    " (106, 'APPEAL', '020', '02', 1, 13, 12, NULL, '2022-01-10', '2022-01-10', '2022-01-10',"
    "  'day', 0, 0, 1, 10);"
    "INSERT INTO event_mentions(event, article, sentence, trigger, trigger_start, trigger_end,"
    " sent_start, sent_end) VALUES"
    " (100, 1, 0, 'attacked', 7, 15, 0, 10), (100, 2, 0, 'attacked', 9, 17, 0, 10),"
    " (101, 1, 0, 'said', 25, 29, 0, 10), (102, 1, 0, 'x', 1, 2, 0, 10),"
    " (103, 1, 0, 'y', 3, 4, 0, 10), (104, 1, 0, 'z', 5, 6, 0, 10),"
    " (105, 1, 0, 'w', 8, 9, 0, 10), (106, 1, 0, 'v', 10, 11, 0, 10);";

static struct kb_store *open_fixture(void)
{
    struct kb_store *s = NULL;
    struct kb_error err;
    char path[256];
    snprintf(path, sizeof path, "%s/kb.db", dir);
    if (kb_store_open(&s, path, KB_STORE_CREATE, &err) ||
        sqlite3_exec(s->db, fixture, NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "cannot build the fixture: %s\n", s ? sqlite3_errmsg(s->db) : err.msg);
        exit(1);
    }
    return s;
}

/* ---- Escaping ---- */

static char *esc(int (*f)(const char *, struct kb_buf *), const char *s)
{
    static struct kb_buf b;
    kb_buf_release(&b);
    kb_buf_init(&b);
    return f(s, &b) == KB_OK ? b.data : NULL;
}

/* Fold `line` and check every physical line: CRLF, <= 75 octets, valid
   UTF-8 on its own, continuation lines start with a space, and unfolding
   gives the line back. */
static void check_fold(const char *line, const char *id)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    T_INT(kb_ics_line(f, line, strlen(line)), KB_OK, id);
    fclose(f);
    struct kb_buf unfolded;
    kb_buf_init(&unfolded);
    bool ok = true;
    size_t lines = 0;
    for (char *p = buf, *e; p < buf + len; p = e + 2, lines++) {
        e = strstr(p, "\r\n");
        if (!e) {
            ok = false;
            break;
        }
        size_t n = (size_t)(e - p);
        ok = ok && n <= 75 && kb_utf8_valid(p, n) && (lines == 0 || p[0] == ' ');
        kb_buf_add(&unfolded, p + (lines ? 1 : 0), n - (lines ? 1 : 0));
    }
    T_OK(ok, "%s: every line <= 75 octets, CRLF, whole UTF-8, continuation with a space", id);
    T_STR(unfolded.data, line, id);
    kb_buf_release(&unfolded);
    free(buf);
}

static void test_escaping(void)
{
    T_STR(esc(kb_xml_escape, "<b a=\"x\">Tom & Jerry's</b>"),
          "&lt;b a=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;", "exp-1.1 XML entities");
    T_STR(esc(kb_xml_escape, "a\x01" "b\tc\xff" "d\xEF\xBF\xBF" "e Київ\r\n"),
          "a\xEF\xBF\xBD" "b&#9;c\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e Київ&#13;&#10;",
          "exp-1.2 XML: C0 controls, invalid UTF-8 and U+FFFF replaced, breaks as references");
    T_STR(esc(kb_xml_escape, NULL), "", "exp-1.3 XML: NULL is empty");

    T_STR(esc(kb_ics_escape, "a,b;c\\d\ne\r\nf\x02g"), "a\\,b\\;c\\\\d\\ne\\nf g",
          "exp-1.4 iCalendar TEXT escaping");
    check_fold("SUMMARY:short", "exp-1.5 a short line stays whole");
    char line[400];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = 0;
    memcpy(line, "DESCRIPTION:", 12);
    check_fold(line, "exp-1.6 a long ASCII line folds");
    struct kb_buf u;
    kb_buf_init(&u);
    kb_buf_adds(&u, "SUMMARY:");
    for (int i = 0; i < 60; i++) /* 2-, 3- and 4-byte characters across every cut */
        kb_buf_adds(&u, i % 3 == 0 ? "ж" : i % 3 == 1 ? "€" : "𝄞");
    check_fold(u.data, "exp-1.7 a long UTF-8 line folds between characters");
    kb_buf_release(&u);

    T_STR(esc(kb_md_escape, "*bold* _x_ [l](u) <b> & `c` #1 a|b ~s~ \\"),
          "\\*bold\\* \\_x\\_ \\[l\\](u) \\<b\\> \\& \\`c\\` \\#1 a\\|b \\~s\\~ \\\\",
          "exp-1.8 Markdown punctuation escaped");
    T_STR(esc(kb_md_escape, "- item"), "\\- item", "exp-1.9 Markdown: a leading list marker");
    T_STR(esc(kb_md_escape, "  1984. A year\nnext"), "1984\\. A year next",
          "exp-1.10 Markdown: leading blanks, ordered-list marker, line break");
    T_STR(esc(kb_dot_escape, "a\\b \"q\"\nc\x01"), "a\\\\b \"q\"\\nc ", "exp-1.11 DOT label");
    T_STR(esc(kb_dot_escape, "A&amp;B &#38; & C&D;x &"), "A&amp;amp;B &amp;#38; & C&amp;D;x &",
          "exp-1.12 DOT: what Graphviz would read as an entity keeps its &");
    esc(kb_xml_escape, NULL); /* free the static buffer's last contents */
}

/* ---- Helpers ---- */

static void test_helpers(void)
{
    double lat = 0, lon = 0;
    T_OK(kb_parse_latlon("50.45,30.52", &lat, &lon) && lat == 50.45 && lon == 30.52,
         "exp-2.1 LAT,LON");
    T_OK(kb_parse_latlon("-33.9, 151.2", &lat, &lon) && lat == -33.9 && lon == 151.2,
         "exp-2.2 LAT, LON with a space and signs");
    T_OK(!kb_parse_latlon("91,0", &lat, &lon) && !kb_parse_latlon("0,181", &lat, &lon) &&
             !kb_parse_latlon("nan,0", &lat, &lon) && !kb_parse_latlon("0x10,1", &lat, &lon) &&
             !kb_parse_latlon("50", &lat, &lon) && !kb_parse_latlon("a,b", &lat, &lon) &&
             !kb_parse_latlon("1,2,3", &lat, &lon),
         "exp-2.3 off the globe, NaN, hex, one number, words, three numbers refused");
    T_STR(kb_cameo_root_name("19"), "fight", "exp-2.7 root name");
    T_OK(!kb_cameo_root_name("21") && !kb_cameo_root_name("190") && !kb_cameo_root_name("00"),
         "exp-2.8 not a root");
    T_STR(kb_cameo_root_by_name("Make_Public-statement"), "01", "exp-2.9 root by name");
    T_OK(!kb_cameo_root_by_name("attack"), "exp-2.10 a kb type is not a root name");
    T_STR(kb_quad_name(4), "material conflict", "exp-2.11 quad class name");
}

/* ---- Timeline ---- */

/* Event ids the query returns, as "100 101 ..."; NULL when it fails. */
static char *ids(struct kb_store *s, const struct kb_timeline_query *q, int *rc)
{
    static char out[256];
    struct kb_timeline_cursor *c = NULL;
    struct kb_error err;
    struct kb_tl_row r;
    out[0] = 0;
    if ((*rc = kb_timeline_open(s, q, &c, &err)))
        return NULL;
    while (kb_timeline_next(c, &r, &err) > 0)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%lld", out[0] ? " " : "",
                 (long long)r.event);
    kb_timeline_close(c);
    return out;
}

static void test_timeline(struct kb_store *s)
{
    struct kb_timeline_query q = {0};
    int rc;
    q.include_hypothetical = true;
    T_STR(ids(s, &q, &rc), "106 105 100 101 102 103",
          "exp-3.1 dated events in order, undated last, negated left out");
    q.actor = "moscow";
    T_STR(ids(s, &q, &rc), "105 100 101 102 103", "exp-3.2 --actor by alias, any case");
    q.actor = NULL;
    q.place = "Kiev";
    T_STR(ids(s, &q, &rc), "100", "exp-3.3 --place by a name it was seen under");
    q.place = NULL;
    const char *types[][2] = {{"fight", "100 102"}, {"19", "100 102"}, {"194", "102"},
                              {"accuse", "101 103"}, {"Use unconventional mass violence", ""}};
    for (size_t i = 0; i < KB_ARRAY_LEN(types); i++) {
        q.type = types[i][0];
        char id[64];
        snprintf(id, sizeof id, "exp-3.4 --type %s", types[i][0]);
        T_STR(ids(s, &q, &rc), types[i][1], id);
    }
    q.type = "21";
    T_OK(!ids(s, &q, &rc) && rc == KB_EUSAGE, "exp-3.5 --type 21 is not a CAMEO root");
    q.type = "make public statement";
    q.include_negated = true;
    T_STR(ids(s, &q, &rc), "104", "exp-3.6 --include-negated brings the negated event");
    q.type = NULL;
    q.include_negated = false;
    q.near = true;
    q.near_lat = 50.45;
    q.near_lon = 30.52;
    q.near_km = 300;
    T_STR(ids(s, &q, &rc), "100", "exp-3.7 --near Kyiv --km 300");
    q.near_km = 450; /* Kharkiv ~410 km, Minsk ~435 km */
    T_STR(ids(s, &q, &rc), "105 100 102", "exp-3.8 --near Kyiv --km 450");
    q.near_lat = 95;
    T_OK(!ids(s, &q, &rc) && rc == KB_EUSAGE, "exp-3.9 --near off the globe");
    q.near_lat = 53.9; /* Minsk itself */
    q.near_lon = 27.6;
    q.near_km = 3;
    T_STR(ids(s, &q, &rc), "105", "exp-3.10 --near a place itself, 3 km");
    /* a place just east of the antimeridian, looked for from just west of it */
    sqlite3_exec(s->db,
                 "INSERT INTO nodes(id, kind, name) VALUES (24, 'place', 'Taveuni'),"
                 " (107, 'event', 'e');"
                 "INSERT INTO places(id, name, lat, lon, country, key)"
                 " VALUES (24, 'Taveuni', -16.85, 179.97, 'FJ', 'k4');"
                 "INSERT INTO events(id, type, cameo, root, quad, place, date, first_day,"
                 " last_day, precision) VALUES (107, 'MEET', '040', '04', 1, 24, '2021-06-01',"
                 " '2021-06-01', '2021-06-01', 'day')",
                 NULL, NULL, NULL);
    q.near_lat = -16.8;
    q.near_lon = -179.9;
    q.near_km = 50;
    T_STR(ids(s, &q, &rc), "107", "exp-3.11 --near across the antimeridian");
    sqlite3_exec(s->db, "DELETE FROM nodes WHERE id IN (24, 107)", NULL, NULL, NULL);
    q.near = false;
    q.min_sources = 2;
    T_STR(ids(s, &q, &rc), "100", "exp-3.12 --min-sources 2");
    q.min_sources = 0;
    q.from = "2022-03";
    T_STR(ids(s, &q, &rc), "101 102", "exp-3.13 --from a month: events ending in or after it");
    q.from = NULL;
    q.limit = 6;
    T_STR(ids(s, &q, &rc), "106 105 100 101 102 103", "exp-3.14 --limit counts dated, then undated");
    q.limit = 2;
    T_STR(ids(s, &q, &rc), "106 105", "exp-3.15 --limit 2");
    q.limit = 0;
    q.to = "2022-02-20";
    q.include_hypothetical = false;
    T_STR(ids(s, &q, &rc), "106", "exp-3.16 --to a day, hypothetical left out");
    q.exclude_claimed = true;
    T_STR(ids(s, &q, &rc), "", "exp-3.17 --exclude-claimed leaves out the claimed event");
    q.to = NULL;
    q.include_hypothetical = true;
    T_STR(ids(s, &q, &rc), "105 100 101 102 103", "exp-3.18 --exclude-claimed alone");
}

/* ---- Graph ---- */

static const struct kb_gnode *node(const struct kb_graph *g, const char *label)
{
    for (size_t i = 0; i < g->nodes.n; i++)
        if (strcmp(g->nodes.v[i].label, label) == 0)
            return &g->nodes.v[i];
    return NULL;
}

static const struct kb_gedge *edge(const struct kb_graph *g, const char *a, const char *b)
{
    for (size_t i = 0; i < g->edges.n; i++)
        if (strcmp(g->nodes.v[g->edges.v[i].src].label, a) == 0 &&
            strcmp(g->nodes.v[g->edges.v[i].dst].label, b) == 0)
            return &g->edges.v[i];
    return NULL;
}

static size_t count_kind(const struct kb_graph *g, int kind)
{
    size_t n = 0;
    for (size_t i = 0; i < g->nodes.n; i++)
        n += g->nodes.v[i].kind == kind;
    return n;
}

static void test_graph(struct kb_store *s)
{
    struct kb_graph g;
    struct kb_error err;
    struct kb_graph_query q = {KB_VIEW_EVENTS, NULL, 1, 0, 0, 0};
    T_INT(kb_graph_load(s, &q, &g, &err), KB_OK, "exp-4.1 events view");
    T_INT(count_kind(&g, KB_GN_EVENT), 6, "exp-4.2 six events (the negated one left out)");
    T_INT(count_kind(&g, KB_GN_ACTOR), 4, "exp-4.3 four actors");
    T_INT(count_kind(&g, KB_GN_PLACE), 3, "exp-4.4 three places");
    const struct kb_gnode *ev = node(&g, "ATTACK\n2022-02-24");
    T_OK(ev && ev->quad == 4 && strcmp(ev->country, "UA") == 0 && strstr(ev->title, "attacked"),
         "exp-4.5 an event node: label, quad class, its place's country, evidence");
    T_OK(edge(&g, "Russia", "ATTACK\n2022-02-24") && edge(&g, "ATTACK\n2022-02-24", "Kyiv"),
         "exp-4.6 actor and place edges");
    kb_graph_release(&g);

    q.view = KB_VIEW_ACTORS;
    T_INT(kb_graph_load(s, &q, &g, &err), KB_OK, "exp-4.7 actors view");
    const struct kb_gedge *e = edge(&g, "Russia", "Ukraine");
    T_OK(e && e->weight == 3 && e->quad == 4 && e->quads[4] == 2 && e->quads[3] == 1 &&
             e->role == KB_GE_LINK,
         "exp-4.8 Russia->Ukraine: 3 events, dominant class material conflict");
    T_INT(g.edges.n, 4, "exp-4.9 four actor links");
    T_INT(node(&g, "Russia") ? node(&g, "Russia")->degree : -1, 3, "exp-4.10 degree");
    kb_graph_release(&g);

    q.min_weight = 2;
    T_INT(kb_graph_load(s, &q, &g, &err), KB_OK, "exp-4.11 --min-weight 2");
    T_OK(g.edges.n == 1 && g.nodes.n == 2, "exp-4.12 one edge and its two actors left");
    kb_graph_release(&g);
    q.min_weight = 0;

    q.top = 2;
    T_INT(kb_graph_load(s, &q, &g, &err), KB_OK, "exp-4.13 --top 2");
    T_OK(g.nodes.n == 2 && node(&g, "Russia") && node(&g, "Ukraine") && g.edges.n == 2,
         "exp-4.14 the two actors of highest degree (ties: lower id) and their links");
    kb_graph_release(&g);
    q.top = 0;

    q.view = KB_VIEW_PLACES;
    T_INT(kb_graph_load(s, &q, &g, &err), KB_OK, "exp-4.15 places view");
    e = edge(&g, "Belarus", "Minsk");
    T_OK(g.edges.n == 6 && e && e->role == KB_GE_PLACE && e->weight == 1,
         "exp-4.16 actor-place edges");
    kb_graph_release(&g);

    q.view = KB_VIEW_EVENTS;
    q.actor = "lukashenka";
    T_INT(kb_graph_load(s, &q, &g, &err), KB_OK, "exp-4.17 ego network by alias");
    T_OK(count_kind(&g, KB_GN_EVENT) == 1 && node(&g, "APPEAL\n2022-01-10"),
         "exp-4.18 depth 1: the event between Lukashenko and Belarus only");
    kb_graph_release(&g);
    q.depth = 2;
    kb_graph_load(s, &q, &g, &err);
    T_OK(count_kind(&g, KB_GN_EVENT) == 2 && node(&g, "MEET\n2022-02-20"),
         "exp-4.19 depth 2 reaches Russia through Belarus");
    kb_graph_release(&g);
    q.actor = "Nobody";
    T_INT(kb_graph_load(s, &q, &g, &err), KB_ENOTFOUND, "exp-4.20 unknown actor");
    T_OK(g.nodes.n == 0 && strstr(err.msg, "Nobody"), "exp-4.21 graph empty, name in message");
}

/* ---- Formats ---- */

static char *run_timeline(struct kb_store *s, int format, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct kb_timeline_query q = {0};
    struct kb_error err;
    q.include_hypothetical = true;
    *rc = kb_export_timeline(s, &q, format, f, &err);
    fclose(f);
    return buf;
}

static void test_formats(struct kb_store *s)
{
    int rc;
    json_error_t je;
    char *out = run_timeline(s, KB_TL_JSON, &rc);
    json_t *j = json_loads(out, 0, &je);
    json_t *first = json_array_get(json_object_get(j, "events"), 2); /* event 100 */
    T_OK(rc == KB_OK && json_integer_value(json_object_get(j, "count")) == 6 &&
             json_integer_value(json_object_get(first, "sources")) == 2 &&
             json_array_size(json_object_get(first, "reports")) == 2,
         "exp-5.1 JSON: 6 events, event 100 with its two reports");
    json_decref(j);
    free(out);

    out = run_timeline(s, KB_TL_TIMELINEJS, &rc);
    j = json_loads(out, 0, &je);
    json_t *evs = json_object_get(j, "events");
    json_t *wk = json_array_get(evs, 4); /* event 102, a week */
    T_OK(rc == KB_OK && json_array_size(evs) == 5 &&
             strcmp(json_string_value(json_object_get(json_object_get(wk, "end_date"), "day")),
                    "3") == 0,
         "exp-5.2 TimelineJS: undated left out, a week has an end_date");
    json_decref(j);
    free(out);

    out = run_timeline(s, KB_TL_GEOJSON, &rc);
    j = json_loads(out, 0, &je);
    json_t *feat = json_array_get(json_object_get(j, "features"), 0);
    json_t *coords = json_object_get(json_object_get(feat, "geometry"), "coordinates");
    T_OK(rc == KB_OK && json_array_size(json_object_get(j, "features")) == 3 &&
             json_real_value(json_array_get(coords, 0)) == 27.56667,
         "exp-5.3 GeoJSON: located events only, [lon, lat]");
    json_decref(j);
    free(out);

    out = run_timeline(s, KB_TL_ICS, &rc);
    T_OK(rc == KB_OK && strstr(out, "DTSTART;VALUE=DATE:20220328\r\nDTEND;VALUE=DATE:20220404") &&
             strstr(out, "DTSTAMP:20220301T000000Z") && strstr(out, "Source: First\\, \"quoted\""),
         "exp-5.4 iCalendar: all-day over the week, DTSTAMP from the article, escaped text");
    free(out);

    out = run_timeline(s, KB_TL_HTML, &rc);
    T_OK(rc == KB_OK && strstr(out, "Also reported by <cite>Second</cite> \xC2\xB7 Agency") &&
             strstr(out, "<cite>First, &quot;quoted&quot;</cite> \xC2\xB7 <a href=\"https://"
                         "example.org/1\" rel=\"noreferrer\">example.org</a>"),
         "exp-5.5 HTML: the first source as a link, the other article listed");
    free(out);
    out = run_timeline(s, KB_TL_MD, &rc);
    T_OK(rc == KB_OK && strstr(out, "(and 1 more article)") && strstr(out, "\n## Undated\n"),
         "exp-5.6 Markdown: the other article counted, undated events under their heading");
    free(out);

    static const int others[] = {KB_TL_CSV, KB_TL_TEXT};
    for (size_t i = 0; i < KB_ARRAY_LEN(others); i++) {
        out = run_timeline(s, others[i], &rc);
        T_OK(rc == KB_OK && strstr(out, "Russia"), "exp-5.7 format %d writes", others[i]);
        free(out);
    }

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct kb_geojson_stream w;
    kb_geojson_stream_begin(&w, f);
    T_INT(kb_geojson_stream_point(&w, json_string("p1"), 50.4, 30.5,
                                  json_pack("{s:s}", "name", "Kyiv")),
          KB_OK, "exp-5.8 a point");
    T_INT(kb_geojson_stream_point(&w, NULL, 0, 200, NULL), KB_EUSAGE,
          "exp-5.9 off the globe refused");
    T_INT(kb_geojson_stream_end(&w), KB_OK, "exp-5.10 end");
    fclose(f);
    j = json_loads(buf, 0, &je);
    json_t *pt = json_object_get(json_array_get(json_object_get(j, "features"), 0), "geometry");
    T_OK(j && json_array_size(json_object_get(j, "features")) == 1 &&
             json_real_value(json_array_get(json_object_get(pt, "coordinates"), 0)) == 30.5,
         "exp-5.11 the collection parses with the one point, [lon, lat]");
    json_decref(j);
    free(buf);
    json_t *fc = kb_geojson_collection();
    T_OK(kb_geojson_add(fc, kb_geojson_feature(kb_geojson_point(50.4, 30.5),
                                               json_pack("{s:i}", "n", 1))) == KB_OK &&
             kb_geojson_add(fc, kb_geojson_feature(NULL, json_object())) == KB_OK &&
             kb_geojson_add(fc, NULL) == KB_ENOMEM,
         "exp-5.12 a collection in memory; a feature without a location; NULL is OOM");
    f = open_memstream(&buf, &len);
    struct kb_error err;
    T_INT(kb_geojson_write(fc, f, &err), KB_OK, "exp-5.13 written");
    fclose(f);
    j = json_loads(buf, 0, &je);
    T_OK(j && json_is_null(json_object_get(json_array_get(json_object_get(j, "features"), 1),
                                           "geometry")),
         "exp-5.14 it parses; the unlocated feature has geometry null");
    json_decref(j);
    json_decref(fc);
    free(buf);
}

/* Graphviz 2.43's dot freed a labelled edge in a cluster twice (caught by
   ASan in make check SANITIZE=1): every view renders with clusters. */
static void test_clusters(struct kb_store *s)
{
    struct kb_graph_query q = {KB_VIEW_EVENTS, NULL, 1, 0, 0, 0};
    struct kb_graph_opts o = {"dot", true, renderer};
    struct kb_error err;
    for (int v = 0; v < KB_VIEW__MAX; v++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        q.view = v;
        int rc = kb_export_graph_with(s, &q, KB_GR_SVG, &o, f, &err);
        fclose(f);
        T_OK(rc == KB_OK && strstr(buf, "class=\"cluster\""),
             "exp-5.16 view %d with clusters and dot renders", v);
        free(buf);
        f = open_memstream(&buf, &len);
        kb_export_graph_with(s, &q, KB_GR_DOT, &o, f, &err);
        fclose(f);
        T_OK(strstr(buf, "subgraph cluster_UA") && !strstr(buf, "\tlabel=actor"),
             "exp-5.17 view %d: cluster_XX subgraphs, edge labels as xlabels", v);
        free(buf);
    }
}

/* ---- Write errors ---- */

static void test_write_errors(struct kb_store *s)
{
    struct kb_timeline_query q = {0};
    struct kb_error err;
    q.include_hypothetical = true;
    for (int fmt = 0; fmt < KB_TL__MAX; fmt++) {
        FILE *f = fopen("/dev/full", "w");
        if (!f) {
            fprintf(stderr, "SKIP exp-6: no /dev/full\n");
            return;
        }
        int rc = kb_export_timeline(s, &q, fmt, f, &err);
        fclose(f);
        T_OK(rc == KB_EIO && strstr(err.msg, "cannot write"), "exp-6.1 timeline format %d: %s",
             fmt, err.msg);
    }
    struct kb_graph_query gq = {KB_VIEW_ACTORS, NULL, 1, 0, 0, 0};
    struct kb_graph_opts go = {NULL, false, renderer};
    static const int gfmts[] = {KB_GR_DOT, KB_GR_SVG, KB_GR_GRAPHML};
    for (size_t i = 0; i < KB_ARRAY_LEN(gfmts); i++) {
        FILE *f = fopen("/dev/full", "w");
        int rc = kb_export_graph_with(s, &gq, gfmts[i], &go, f, &err);
        fclose(f);
        T_INT(rc, KB_EIO, "exp-6.2 graph format");
    }
    FILE *f = fopen("/dev/full", "w");
    T_INT(kb_export_sql(s, "SELECT name FROM entities", NULL, 0, KB_TB_JSONL, f, &err), KB_EIO,
          "exp-6.3 kb sql");
    fclose(f);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    test_escaping();
    test_helpers();
    struct kb_store *s = open_fixture();
    struct kb_error err;
    /* several renders in one process: all through one context */
    T_INT(kb_renderer_new(&renderer, &err), KB_OK, "exp-5.15 a Graphviz context");
    test_timeline(s);
    test_graph(s);
    test_formats(s);
    test_clusters(s);
    test_write_errors(s);
    kb_renderer_free(renderer);
    kb_store_close(s);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
    return t_done();
}

-- 001-graph.sql -- the knowledge base: a graph of nodes and typed edges, with
-- typed tables beside it for each kind of node and for the mentions that
-- ground every fact in an article.  Applied by `kb init` (and by any command
-- that opens a KB older than this schema); versioned with PRAGMA user_version.
--
-- Every actor, place, event and article is a row of `nodes`; its details are
-- in the table of its kind, whose primary key is the node id.  `edges` links
-- nodes with a kind, a weight and the article the relation was read from.
--
-- CHECK constraints list allowed values with OR, never IN (...): for an IN
-- list SQLite builds a temporary index each time an INSERT runs, which was
-- half of the time `kb ingest` spent in SQLite.

CREATE TABLE nodes (
    id    INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind = 'actor' OR kind = 'place' OR kind = 'event' OR
                               kind = 'article'),
    name  TEXT NOT NULL,
    attrs TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attrs))
);
CREATE INDEX nodes_kind_name ON nodes(kind, name);

CREATE TABLE edges (
    id      INTEGER PRIMARY KEY,
    src     INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    dst     INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL CHECK (kind = 'actor_of' OR kind = 'target_of' OR kind = 'located_at' OR
                kind = 'origin_of' OR kind = 'destination_of' OR kind = 'reported_in' OR
                kind = 'mentioned_in' OR kind = 'co_mentioned' OR kind = 'part_of' OR
                kind = 'claimed_by'),
    weight  REAL NOT NULL DEFAULT 1,
    article INTEGER REFERENCES articles(id) ON DELETE CASCADE
);
-- one row per relation and article; a unique index rather than a UNIQUE
-- constraint, so that a bulk load can build it at the end (store.c)
CREATE UNIQUE INDEX edges_key ON edges(src, dst, kind, article);
CREATE INDEX edges_dst ON edges(dst, kind);
CREATE INDEX edges_kind ON edges(kind, src);

CREATE TABLE articles (
    id       INTEGER PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
    sha256   TEXT NOT NULL UNIQUE,
    ext_id   TEXT,
    title    TEXT,
    source   TEXT,
    dct      TEXT,
    path     TEXT,
    bytes    INTEGER NOT NULL,
    text     TEXT NOT NULL
);
CREATE INDEX articles_dct ON articles(dct);

-- actors and other named entities: one row per canonical (type, name)
CREATE TABLE entities (
    id      INTEGER PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
    type    TEXT NOT NULL CHECK (type = 'PERSON' OR type = 'ORG' OR type = 'GPE' OR type = 'LOC' OR
                type = 'NORP' OR type = 'FAC' OR type = 'EVENT'),
    name    TEXT NOT NULL,
    country TEXT,
    surname TEXT,   -- a person's family name, by which later articles may name them alone
    UNIQUE (type, name)
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE INDEX entities_surname ON entities(surname COLLATE NOCASE) WHERE surname IS NOT NULL;

-- every surface form an entity was seen under
CREATE TABLE aliases (
    entity INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias  TEXT NOT NULL,
    count  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (entity, alias)
) WITHOUT ROWID;
CREATE INDEX aliases_alias ON aliases(alias COLLATE NOCASE);

-- resolved (or unresolvable) places: one row per GeoNames feature, or per
-- name when there are no coordinates
CREATE TABLE places (
    id        INTEGER PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    geonameid INTEGER,
    lat       REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
    lon       REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
    country   TEXT,
    admin1    TEXT,
    feature   TEXT,
    key       TEXT NOT NULL UNIQUE
);
CREATE INDEX places_name ON places(name COLLATE NOCASE);
CREATE INDEX places_country ON places(country);

-- spatial index of the places with coordinates: each a point box
-- (min = max).  Radius searches take the box around the circle here, then
-- keep what kb_distance_km(lat1, lon1, lat2, lon2) puts inside it.
CREATE VIRTUAL TABLE places_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TRIGGER places_rtree_insert AFTER INSERT ON places
WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL BEGIN
    INSERT INTO places_rtree VALUES (new.id, new.lat, new.lat, new.lon, new.lon);
END;
CREATE TRIGGER places_rtree_update AFTER UPDATE OF lat, lon ON places BEGIN
    DELETE FROM places_rtree WHERE id = old.id;
    INSERT INTO places_rtree SELECT new.id, new.lat, new.lat, new.lon, new.lon
    WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL;
END;
CREATE TRIGGER places_rtree_delete AFTER DELETE ON places BEGIN
    DELETE FROM places_rtree WHERE id = old.id;
END;

CREATE TABLE sentences (
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;

-- every mention of an entity or place in an article, with byte offsets
CREATE TABLE mentions (
    id       INTEGER PRIMARY KEY,
    article  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    type     TEXT NOT NULL,
    entity   INTEGER REFERENCES entities(id) ON DELETE CASCADE,
    place    INTEGER REFERENCES places(id) ON DELETE SET NULL,
    confidence REAL
);
CREATE INDEX mentions_article ON mentions(article, start);
CREATE INDEX mentions_entity ON mentions(entity);
CREATE INDEX mentions_place ON mentions(place);

CREATE TABLE timexes (
    id        INTEGER PRIMARY KEY,
    article   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence  INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    type      TEXT NOT NULL CHECK (type = 'DATE' OR type = 'TIME' OR type = 'DURATION' OR
                                   type = 'SET'),
    value     TEXT NOT NULL,
    mod       TEXT,
    first_day TEXT,
    last_day  TEXT,
    precision TEXT
);
CREATE INDEX timexes_article ON timexes(article, start);
CREATE INDEX timexes_day ON timexes(first_day);

-- events: one row per event node.  The date is a TIMEX3 value with the day
-- range it covers (first_day..last_day) and its precision.  The same event
-- reported by several articles (same root, actor, target and place, days
-- that overlap) is one row with a mention per report, unless the KB was
-- filled with `kb ingest --no-merge`.  `claimed` holds while every report of
-- it is a claim; `date_inferred` while no report dates it.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
    type       TEXT NOT NULL,
    cameo      TEXT NOT NULL,
    root       TEXT NOT NULL,
    quad       INTEGER NOT NULL CHECK (quad BETWEEN 1 AND 4),
    actor      INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    actor_role TEXT,
    target     INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    place      INTEGER REFERENCES places(id) ON DELETE SET NULL,
    date       TEXT,
    first_day  TEXT,
    last_day   TEXT,
    precision  TEXT NOT NULL DEFAULT 'none',
    negated      INTEGER NOT NULL DEFAULT 0,
    hypothetical INTEGER NOT NULL DEFAULT 0,
    claimed      INTEGER NOT NULL DEFAULT 0,
    claimed_by   INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    date_inferred INTEGER NOT NULL DEFAULT 0
);
-- (first_day, last_day, id): the timeline's order, so that a million events
-- stream out of the index with no sort
CREATE INDEX events_day ON events(first_day, last_day);
CREATE INDEX events_actor ON events(actor);
CREATE INDEX events_target ON events(target);
CREATE INDEX events_place ON events(place);
CREATE INDEX events_root ON events(root);
-- the store's lookup of the event a new report merges into: the days are in
-- the index, so that candidates are told apart without reading their rows
-- (else each report read every event of its actors, and ingest slowed down
-- as the KB grew)
CREATE INDEX events_merge ON events(root, actor, target, last_day, first_day);

-- the evidence of an event: each sentence of each article that reports it
CREATE TABLE event_mentions (
    id         INTEGER PRIMARY KEY,
    event      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    trigger    TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    sent_start INTEGER NOT NULL,
    sent_end   INTEGER NOT NULL,
    UNIQUE (event, article, trigger_start)
);
CREATE INDEX event_mentions_article ON event_mentions(article);

-- what kb extract found in each article: the JSON line of `kb extract --jsonl`
-- without the text (which is in articles), zlib-compressed.  `kb merge`
-- stores it again in another KB exactly as `kb ingest` would have stored
-- the article there, with that KB's entities and events.
CREATE TABLE article_docs (
    article INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    doc     BLOB NOT NULL
);

-- ---- views for ad hoc SQL ----

-- one row per event, in date order, with names instead of ids
CREATE VIEW timeline AS
SELECT e.id AS event, e.date, e.first_day, e.last_day, e.precision, e.type, e.cameo,
       e.root, e.quad, a.name AS actor, e.actor_role, t.name AS target,
       p.name AS place, p.lat, p.lon, p.country AS place_country,
       e.negated, e.hypothetical, e.claimed, c.name AS claimed_by, e.date_inferred,
       em.article, ar.title, ar.source, s.text AS evidence, em.trigger
FROM events e
LEFT JOIN entities a ON a.id = e.actor
LEFT JOIN entities t ON t.id = e.target
LEFT JOIN entities c ON c.id = e.claimed_by
LEFT JOIN places p ON p.id = e.place
LEFT JOIN event_mentions em ON em.id = (SELECT min(id) FROM event_mentions WHERE event = e.id)
LEFT JOIN articles ar ON ar.id = em.article
LEFT JOIN sentences s ON s.article = em.article AND s.idx = em.sentence;

-- who acted on whom, how often, with which CAMEO roots and codes, how many
-- of those events in each quad class, reported by how many articles;
-- events reported as not happening (negated) are left out
CREATE VIEW actor_links AS
SELECT a.name AS actor, t.name AS target, count(DISTINCT e.id) AS events,
       group_concat(DISTINCT e.root) AS roots,
       min(e.first_day) AS first_day, max(e.last_day) AS last_day,
       group_concat(DISTINCT e.cameo) AS codes,
       count(DISTINCT CASE WHEN e.quad = 1 THEN e.id END) AS verbal_coop,
       count(DISTINCT CASE WHEN e.quad = 2 THEN e.id END) AS material_coop,
       count(DISTINCT CASE WHEN e.quad = 3 THEN e.id END) AS verbal_conflict,
       count(DISTINCT CASE WHEN e.quad = 4 THEN e.id END) AS material_conflict,
       count(DISTINCT em.article) AS articles, a.id AS actor_id, t.id AS target_id
FROM events e
JOIN entities a ON a.id = e.actor
JOIN entities t ON t.id = e.target
LEFT JOIN event_mentions em ON em.event = e.id
WHERE NOT e.negated
GROUP BY a.id, t.id;

-- how many reports each event has: mentions, articles, first and last
-- publication date of those articles
CREATE VIEW event_sources AS
SELECT e.id AS event, count(em.id) AS mentions, count(DISTINCT em.article) AS articles,
       min(ar.dct) AS first_reported, max(ar.dct) AS last_reported
FROM events e
LEFT JOIN event_mentions em ON em.event = e.id
LEFT JOIN articles ar ON ar.id = em.article
GROUP BY e.id;

-- every event at a place
CREATE VIEW place_events AS
SELECT p.id AS place_id, p.name AS place, p.country, p.lat, p.lon, e.id AS event,
       e.type, e.cameo, e.date, e.first_day
FROM places p JOIN events e ON e.place = p.id;

-- every place with how often articles mention it and how many events
-- happened there, and the division and country it is part of
CREATE VIEW place_summary AS
SELECT p.id AS place, p.name, p.geonameid, p.lat, p.lon, p.country, p.admin1, p.feature,
       (SELECT count(*) FROM mentions m WHERE m.place = p.id) AS mentions,
       (SELECT count(DISTINCT m.article) FROM mentions m WHERE m.place = p.id) AS articles,
       (SELECT count(*) FROM events e WHERE e.place = p.id) AS events,
       (SELECT d.name FROM edges x JOIN places d ON d.id = x.dst
        WHERE x.src = p.id AND x.kind = 'part_of' AND d.feature = 'A.ADM1') AS division,
       (SELECT c.name FROM edges x JOIN places c ON c.id = x.dst
        WHERE x.src = p.id AND x.kind = 'part_of' AND c.feature LIKE 'A.PCL%') AS in_country
FROM places p;

-- how many times each entity is mentioned, in how many articles
CREATE VIEW entity_mentions AS
SELECT en.id AS entity, en.type, en.name, count(m.id) AS mentions,
       count(DISTINCT m.article) AS articles
FROM entities en LEFT JOIN mentions m ON m.entity = en.id
GROUP BY en.id;

/*
 * graphml.c -- a graph view as GraphML (graphml.graphdrawing.org), the
 * format Gephi, yEd, Cytoscape and NetworkX read: every data key declared
 * with its type before the graph, node ids as in the DOT output (a12 actor,
 * p7 place, e40 event), all text escaped by kb_xml_escape.
 */
#include "export.h"

#include <string.h>

/* The keys: id, for, name, type.  Each node and edge writes the ones it has. */
static const char *const keys[][4] = {
    {"label", "node", "label", "string"},
    {"kind", "node", "kind", "string"},
    {"type", "node", "type", "string"},
    {"country", "node", "country", "string"},
    {"lat", "node", "lat", "double"},
    {"lon", "node", "lon", "double"},
    {"date", "node", "date", "string"},
    {"quad", "node", "quad", "int"},
    {"title", "node", "title", "string"},
    {"degree", "node", "degree", "int"},
    {"color", "all", "color", "string"},
    {"role", "edge", "role", "string"},
    {"weight", "edge", "weight", "double"},
    {"equad", "edge", "quad", "int"},
};

static const char *const role_names[] = {"actor", "target", "at", "link", "place"};

/* <data key="k">escaped text</data> */
static int data(struct kb_buf *b, const char *key, const char *value)
{
    int rc = kb_buf_printf(b, "      <data key=\"%s\">", key);
    if (!rc)
        rc = kb_xml_escape(value, b);
    if (!rc)
        rc = kb_buf_adds(b, "</data>\n");
    return rc;
}

static void node_id(const struct kb_gnode *n, char id[40])
{
    snprintf(id, 40, "%c%lld", n->kind == KB_GN_ACTOR ? 'a' : n->kind == KB_GN_PLACE ? 'p' : 'e',
             (long long)n->id);
}

static int write_node(struct kb_buf *b, const struct kb_gnode *n)
{
    static const char *const kinds[] = {"actor", "place", "event"};
    char id[40], num[64];
    node_id(n, id);
    int rc = kb_buf_printf(b, "    <node id=\"%s\">\n", id);
    if (!rc)
        rc = data(b, "label", n->label);
    if (!rc)
        rc = data(b, "kind", kinds[n->kind]);
    if (!rc && n->type[0])
        rc = data(b, "type", n->type);
    if (!rc && n->country[0])
        rc = data(b, "country", n->country);
    if (!rc && n->has_coords) {
        snprintf(num, sizeof num, "%.6f", n->lat);
        rc = data(b, "lat", num);
        snprintf(num, sizeof num, "%.6f", n->lon);
        if (!rc)
            rc = data(b, "lon", num);
    }
    if (!rc && n->kind == KB_GN_EVENT) {
        snprintf(num, sizeof num, "%d", n->quad);
        rc = data(b, "quad", num);
        if (!rc && n->date[0])
            rc = data(b, "date", n->date);
    }
    if (!rc && n->title[0])
        rc = data(b, "title", n->title);
    if (!rc) {
        snprintf(num, sizeof num, "%ld", n->degree);
        rc = data(b, "degree", num);
    }
    if (!rc)
        rc = data(b, "color",
                  n->kind == KB_GN_ACTOR   ? kb_graph_actor_color(n->type)
                  : n->kind == KB_GN_PLACE ? "#fff3cd"
                                           : kb_graph_quad_color(n->quad));
    if (!rc)
        rc = kb_buf_adds(b, "    </node>\n");
    return rc;
}

static int write_edge(struct kb_buf *b, const struct kb_graph *g, size_t i)
{
    const struct kb_gedge *e = &g->edges.v[i];
    char s[40], d[40], num[64];
    node_id(&g->nodes.v[e->src], s);
    node_id(&g->nodes.v[e->dst], d);
    int rc = kb_buf_printf(b, "    <edge id=\"l%zu\" source=\"%s\" target=\"%s\">\n", i, s, d);
    if (!rc)
        rc = data(b, "role", role_names[e->role]);
    if (!rc) {
        snprintf(num, sizeof num, "%g", e->weight);
        rc = data(b, "weight", num);
    }
    if (!rc) {
        snprintf(num, sizeof num, "%d", e->quad);
        rc = data(b, "equad", num);
    }
    if (!rc)
        rc = data(b, "color", kb_graph_quad_color(e->quad));
    if (!rc)
        rc = kb_buf_adds(b, "    </edge>\n");
    return rc;
}

int kb_graphml_write(const struct kb_graph *g, FILE *out, struct kb_error *err)
{
    struct kb_buf b;
    kb_buf_init(&b);
    int rc = kb_buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                             "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                             "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                             "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (size_t i = 0; i < KB_ARRAY_LEN(keys) && !rc; i++)
        rc = kb_buf_printf(&b,
                           "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                           keys[i][0], keys[i][1], keys[i][2], keys[i][3]);
    if (!rc && g->top_of > 0) /* what --top left out (no "--" in an XML comment) */
        rc = kb_buf_printf(&b, "  <!-- the %ld actors of highest degree of %ld"
                               " (the top option of kb graph; 0 for all) -->\n",
                           g->top_kept, g->top_of);
    if (!rc)
        rc = kb_buf_adds(&b, "  <graph id=\"kb\" edgedefault=\"directed\">\n");
    /* flush every node and edge: the output streams */
    for (size_t i = 0; i < g->nodes.n && !rc; i++) {
        rc = write_node(&b, &g->nodes.v[i]);
        if (!rc && fwrite(b.data, 1, b.len, out) != b.len)
            rc = KB_EIO;
        kb_buf_reset(&b);
    }
    for (size_t i = 0; i < g->edges.n && !rc; i++) {
        rc = write_edge(&b, g, i);
        if (!rc && fwrite(b.data, 1, b.len, out) != b.len)
            rc = KB_EIO;
        kb_buf_reset(&b);
    }
    if (!rc)
        rc = kb_buf_adds(&b, "  </graph>\n</graphml>\n");
    if (!rc && (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0 || ferror(out)))
        rc = KB_EIO;
    kb_buf_release(&b);
    if (rc == KB_EIO)
        return kb_error_set(err, KB_EIO, "cannot write the graph");
    return rc ? kb_error_set(err, rc, "out of memory") : KB_OK;
}

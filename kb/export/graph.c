/*
 * graph.c -- the graph views built with Graphviz cgraph: nodes, edges and
 * attributes through the cgraph API, written with agwrite (DOT) or laid out
 * with the chosen engine and rendered with gvc (SVG, PNG, PDF); GraphML is
 * written by graphml.c from the same view.  The only file that includes the
 * Graphviz headers.
 *
 * Labels are plain strings (never agstrdup_html), escaped once by
 * kb_dot_escape, so quotes, backslashes, newlines, HTML-like text and
 * non-ASCII names come out as themselves.  cgraph's messages are kept by
 * cgraph (agseterr(AGMAX)) and read back with aglasterr() for our error.
 */
#include "export.h"

#include <cgraph.h>
#include <gvc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const gr_formats[KB_GR__MAX] = {"dot", "svg", "png", "pdf", "graphml"};

int kb_graph_format_parse(const char *s)
{
    for (int i = 0; i < KB_GR__MAX; i++)
        if (strcmp(s, gr_formats[i]) == 0)
            return i;
    return -1;
}

const char *kb_graph_format_list(void)
{
    return "dot, svg, png, pdf, graphml";
}

/* The layout engines offered (sorted). */
static const char *const layouts[] = {"circo", "dot", "fdp", "neato", "sfdp", "twopi"};

bool kb_graph_layout_valid(const char *name)
{
    for (size_t i = 0; name && i < KB_ARRAY_LEN(layouts); i++)
        if (strcmp(name, layouts[i]) == 0)
            return true;
    return false;
}

int kb_dot_escape(const char *s, struct kb_buf *out)
{
    for (const char *p = s ? s : ""; *p; p++) {
        unsigned char c = (unsigned char)*p;
        int rc;
        size_t ent = c == '&' ? strspn(p + 1, "#0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                 "abcdefghijklmnopqrstuvwxyz")
                              : 0;
        if (c == '\\')
            rc = kb_buf_add(out, "\\\\", 2);
        else if (ent && p[1 + ent] == ';')
            rc = kb_buf_adds(out, "&amp;"); /* Graphviz would read "&amp;" as "&" */
        else if (c == '\n')
            rc = kb_buf_add(out, "\\n", 2); /* a line break in the label */
        else if (c < 0x20 || c == 0x7F)
            rc = kb_buf_addc(out, ' ');
        else if (c == 0xC2 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9F)
            rc = kb_buf_addc(out, ' '), p++; /* a C1 control (U+0080..U+009F) */
        else
            rc = kb_buf_addc(out, (char)c);
        if (rc)
            return rc;
    }
    return KB_OK;
}

const char *kb_graph_actor_color(const char *type)
{
    if (type && strcmp(type, "PERSON") == 0)
        return "#cfe2ff";
    if (type && strcmp(type, "ORG") == 0)
        return "#e2d9f3";
    return "#d1e7dd"; /* countries, cities, nations */
}

const char *kb_graph_quad_color(int quad)
{
    static const char *const colors[5] = {"#999999", "#2e7d32", "#1565c0", "#ef6c00",
                                          "#c62828"};
    return colors[quad >= 1 && quad <= 4 ? quad : 0];
}

/* ---- Building the cgraph graph ---- */

/* cgraph takes char * for names and values: the casts live here only. */

/* An escString attribute (label, tooltip): escaped for DOT. */
static int set_label(void *obj, const char *name, const char *value, struct kb_buf *tmp)
{
    kb_buf_reset(tmp);
    if (kb_dot_escape(value, tmp))
        return KB_ENOMEM;
    return agsafeset(obj, (char *)name, tmp->data, (char *)"") == 0 ? KB_OK : KB_ENOMEM;
}

/* Any other attribute: agwrite quotes it as needed. */
static int set_plain(void *obj, const char *name, const char *value)
{
    return agsafeset(obj, (char *)name, (char *)(value ? value : ""), (char *)"") == 0
               ? KB_OK
               : KB_ENOMEM;
}

static void declare(Agraph_t *g, int kind, const char *name, const char *dflt)
{
    agattr(g, kind, (char *)name, (char *)dflt);
}

static const char *default_layout(int view)
{
    return view == KB_VIEW_EVENTS ? "dot" : "neato";
}

static Agnode_t *make_node(Agraph_t *g, const struct kb_gnode *n)
{
    char name[40];
    snprintf(name, sizeof name, "%c%lld",
             n->kind == KB_GN_ACTOR ? 'a' : n->kind == KB_GN_PLACE ? 'p' : 'e',
             (long long)n->id);
    return agnode(g, name, 1);
}

static int node_attrs(Agnode_t *an, const struct kb_gnode *n, struct kb_buf *tmp)
{
    int rc = set_label(an, "label", n->label, tmp);
    if (!rc)
        rc = set_plain(an, "country", n->country);
    if (n->kind == KB_GN_ACTOR) {
        bool person = strcmp(n->type, "PERSON") == 0;
        if (!rc)
            rc = set_plain(an, "kind", "actor");
        if (!rc)
            rc = set_plain(an, "type", n->type);
        if (!rc)
            rc = set_plain(an, "fillcolor", kb_graph_actor_color(n->type));
        if (!rc)
            rc = set_plain(an, "shape", person ? "ellipse" : "box");
        if (!rc)
            rc = set_label(an, "tooltip", n->type, tmp);
    } else if (n->kind == KB_GN_PLACE) {
        if (!rc)
            rc = set_plain(an, "kind", "place");
        if (!rc)
            rc = set_plain(an, "shape", "house");
        if (!rc)
            rc = set_plain(an, "fillcolor", "#fff3cd");
        if (!rc)
            rc = set_label(an, "tooltip", n->title, tmp);
    } else {
        if (!rc)
            rc = set_plain(an, "kind", "event");
        if (!rc)
            rc = set_plain(an, "type", n->type);
        if (!rc)
            rc = set_plain(an, "shape", "note");
        if (!rc)
            rc = set_plain(an, "fontsize", "10");
        if (!rc)
            rc = set_plain(an, "color", kb_graph_quad_color(n->quad));
        if (!rc)
            rc = set_label(an, "tooltip", n->title, tmp);
    }
    return rc;
}

/*
 * `label` names the attribute edge labels go in: "label", or "xlabel" where
 * Graphviz 2.43's dot would corrupt its heap (see build()).
 */
static int edge_attrs(Agedge_t *ae, const struct kb_gedge *e, const char *label,
                      struct kb_buf *tmp)
{
    char num[32];
    int rc = KB_OK;
    switch (e->role) {
    case KB_GE_ACTOR:
        return set_label(ae, label, "actor", tmp);
    case KB_GE_TARGET:
        rc = set_label(ae, label, "target", tmp);
        return rc ? rc : set_plain(ae, "color", kb_graph_quad_color(e->quad));
    case KB_GE_AT:
        rc = set_label(ae, label, "at", tmp);
        return rc ? rc : set_plain(ae, "style", "dashed");
    default:
        break;
    }
    /* aggregated: weight = events, colour = dominant quad class */
    snprintf(num, sizeof num, "%g", e->weight);
    rc = set_label(ae, label, num, tmp);
    if (!rc)
        rc = set_plain(ae, "weight", num);
    if (!rc)
        rc = set_plain(ae, "color", kb_graph_quad_color(e->quad));
    if (!rc) {
        snprintf(num, sizeof num, "%.2f", 1 + log2(e->weight > 1 ? e->weight : 1));
        rc = set_plain(ae, "penwidth", num);
    }
    if (!rc) {
        kb_buf_reset(tmp);
        if (kb_buf_printf(tmp, "%g event%s:", e->weight, e->weight == 1 ? "" : "s"))
            return KB_ENOMEM;
        for (int k = 1; k <= 4; k++)
            if (e->quads[k] && kb_buf_printf(tmp, " %ld %s;", e->quads[k], kb_quad_name(k)))
                return KB_ENOMEM;
        tmp->data[--tmp->len] = 0; /* the last ';' */
        rc = agsafeset(ae, (char *)"tooltip", tmp->data, (char *)"") == 0 ? KB_OK : KB_ENOMEM;
    }
    if (!rc && e->role == KB_GE_PLACE)
        rc = set_plain(ae, "arrowhead", "none");
    return rc;
}

/* The subgraph cluster_XX of a country, created on first use. */
static Agraph_t *cluster(Agraph_t *g, const char *country, struct kb_buf *tmp)
{
    char name[64], cname[96];
    snprintf(name, sizeof name, "cluster_%.40s", country);
    Agraph_t *sg = agsubg(g, name, 0);
    if (sg)
        return sg;
    if (!(sg = agsubg(g, name, 1)))
        return NULL;
    const char *label = kb_country_name(country, cname, sizeof cname);
    if (set_label(sg, "label", label ? label : country, tmp) || set_plain(sg, "style", "rounded") ||
        set_plain(sg, "color", "#9aa5ad"))
        return NULL;
    return sg;
}

static int build(Agraph_t *g, const struct kb_graph *kg, const struct kb_graph_opts *o,
                 struct kb_buf *tmp)
{
    int rc = KB_OK;
    declare(g, AGRAPH, "layout", "");
    declare(g, AGRAPH, "label", "");
    declare(g, AGRAPH, "style", "");
    declare(g, AGRAPH, "color", "");
    declare(g, AGNODE, "shape", "box");
    declare(g, AGNODE, "style", "filled");
    declare(g, AGNODE, "fillcolor", "white");
    declare(g, AGNODE, "color", "black");
    declare(g, AGNODE, "fontname", "Helvetica");
    declare(g, AGNODE, "fontsize", "14");
    declare(g, AGNODE, "label", "\\N");
    declare(g, AGNODE, "tooltip", "");
    declare(g, AGNODE, "kind", "");
    declare(g, AGNODE, "type", "");
    declare(g, AGNODE, "country", "");
    declare(g, AGEDGE, "label", "");
    declare(g, AGEDGE, "xlabel", "");
    declare(g, AGEDGE, "color", "black");
    declare(g, AGEDGE, "style", "");
    declare(g, AGEDGE, "fontname", "Helvetica");
    declare(g, AGEDGE, "fontsize", "9");
    declare(g, AGEDGE, "tooltip", "");
    declare(g, AGEDGE, "weight", "1");
    declare(g, AGEDGE, "penwidth", "1");
    declare(g, AGEDGE, "arrowhead", "normal");
    if (kg->view == KB_VIEW_EVENTS) {
        declare(g, AGRAPH, "rankdir", "LR");
    } else {
        declare(g, AGRAPH, "overlap", "false");
        declare(g, AGRAPH, "splines", "true");
        declare(g, AGRAPH, "sep", "+8");
    }
    declare(g, AGRAPH, "fontname", "Helvetica");
    declare(g, AGRAPH, "fontsize", "10");
    declare(g, AGRAPH, "labelloc", "b");
    rc = set_plain(g, "layout", o->layout ? o->layout : default_layout(kg->view));
    char legend[320];
    int len = snprintf(legend, sizeof legend, "colour: CAMEO quad class (green verbal cooperation, "
                     "blue material cooperation, orange verbal conflict, red material conflict)");
    if (kg->top_of > 0) /* say what --top (or its default) left out */
        snprintf(legend + len, sizeof legend - (size_t)len,
                 "\nthe %ld actors of highest degree of %ld (--top N, --top 0 for all)",
                 kg->top_kept, kg->top_of);
    if (!rc)
        rc = set_label(g, "label", legend, tmp);
    Agnode_t **an = kg->nodes.n ? calloc(kg->nodes.n, sizeof *an) : NULL;
    if (kg->nodes.n && !an)
        return KB_ENOMEM;
    for (size_t i = 0; i < kg->nodes.n && !rc; i++) {
        const struct kb_gnode *n = &kg->nodes.v[i];
        if (!(an[i] = make_node(g, n)))
            rc = KB_ENOMEM;
        else
            rc = node_attrs(an[i], n, tmp);
        if (!rc && o->clusters && n->country[0]) {
            Agraph_t *sg = cluster(g, n->country, tmp);
            if (!sg || !agsubnode(sg, an[i], 1))
                rc = KB_ENOMEM;
        }
    }
    /* dot (Graphviz 2.43) frees the virtual nodes of a labelled edge between
       nodes of one rank inside a cluster twice when the layout is freed: with
       clusters and dot, edge labels are xlabels, placed after the layout */
    const char *engine = o->layout ? o->layout : default_layout(kg->view);
    const char *label = o->clusters && strcmp(engine, "dot") == 0 ? "xlabel" : "label";
    for (size_t i = 0; i < kg->edges.n && !rc; i++) {
        const struct kb_gedge *e = &kg->edges.v[i];
        Agedge_t *ae = agedge(g, an[e->src], an[e->dst], NULL, 1);
        rc = ae ? edge_attrs(ae, e, label, tmp) : KB_ENOMEM;
    }
    free(an);
    return rc;
}

/* ---- Writing ---- */

struct kb_renderer {
    GVC_t *gvc;
};

int kb_renderer_new(struct kb_renderer **out, struct kb_error *err)
{
    struct kb_renderer *r = calloc(1, sizeof *r);
    if (!r || !(r->gvc = gvContext())) {
        free(r);
        return kb_error_set(err, KB_ENOMEM, "cannot start Graphviz");
    }
    *out = r;
    return KB_OK;
}

void kb_renderer_free(struct kb_renderer *r)
{
    if (r)
        gvFreeContext(r->gvc);
    free(r);
}

/* Put cgraph's last message (if any) after `what` in err. */
static int gv_error(struct kb_error *err, int code, const char *what)
{
    char *m = aglasterr();
    size_t n = m ? strlen(m) : 0;
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
        m[--n] = 0;
    int rc = kb_error_set(err, code, "%s%s%s", what, n ? ": " : "", n ? m : "");
    free(m);
    return rc;
}

int kb_export_graph_with(struct kb_store *s, const struct kb_graph_query *q, int format,
                         const struct kb_graph_opts *opts, FILE *out, struct kb_error *err)
{
    static const struct kb_graph_opts defaults = {NULL, false, NULL};
    const struct kb_graph_opts *o = opts ? opts : &defaults;
    if (format < 0 || format >= KB_GR__MAX)
        return kb_error_set(err, KB_EUSAGE, "unknown graph format");
    if (o->layout && !kb_graph_layout_valid(o->layout))
        return kb_error_set(err, KB_EUSAGE,
                            "unknown layout '%s' (dot, neato, fdp, sfdp, circo, twopi)",
                            o->layout);
    struct kb_graph kg;
    int rc = kb_graph_load(s, q, &kg, err);
    if (rc)
        return rc;
    if (format == KB_GR_GRAPHML) {
        rc = kb_graphml_write(&kg, out, err);
        kb_graph_release(&kg);
        return rc;
    }
    struct kb_buf tmp;
    kb_buf_init(&tmp);
    GVC_t *gvc = NULL, *own = NULL; /* own: made for this call */
    agerrlevel_t level = agseterr(AGMAX); /* keep messages for aglasterr() */
    agreseterrors();
    Agraph_t *g = agopen((char *)"kb", Agstrictdirected, NULL);
    if (!g) {
        rc = gv_error(err, KB_ENOMEM, "cannot create the graph");
        goto out;
    }
    if ((rc = build(g, &kg, o, &tmp))) {
        gv_error(err, rc, "cannot build the graph");
        goto out;
    }
    if (format == KB_GR_DOT) {
        if (agwrite(g, out) != 0 || fflush(out) != 0 || ferror(out)) {
            rc = gv_error(err, KB_EIO, "cannot write the graph");
            goto out;
        }
    } else {
        const char *engine = o->layout ? o->layout : default_layout(kg.view);
        if (o->renderer) {
            gvc = o->renderer->gvc;
        } else if (!(gvc = own = gvContext())) {
            rc = gv_error(err, KB_ENOMEM, "cannot start Graphviz");
            goto out;
        }
        if (gvLayout(gvc, g, engine) != 0) {
            rc = gv_error(err, KB_EIO, "Graphviz layout failed");
            goto out;
        }
        /* render into memory: on a failed write to a FILE, gvc exits the process */
        char *data = NULL;
        unsigned int len = 0;
        int r = gvRenderData(gvc, g, gr_formats[format], &data, &len);
        gvFreeLayout(gvc, g);
        if (r != 0 || !data) {
            char what[96];
            snprintf(what, sizeof what, "cannot render %s (is its Graphviz plugin installed?)",
                     gr_formats[format]);
            rc = gv_error(err, KB_EIO, what);
            gvFreeRenderData(data);
            goto out;
        }
        size_t w = fwrite(data, 1, len, out);
        gvFreeRenderData(data);
        if (w != len || fflush(out) != 0 || ferror(out)) {
            rc = kb_error_set(err, KB_EIO, "cannot write the graph");
            goto out;
        }
    }
out:
    if (g)
        agclose(g);
    if (own)
        gvFreeContext(own);
    agseterr(level);
    kb_buf_release(&tmp);
    kb_graph_release(&kg);
    return rc;
}

int kb_export_graph(struct kb_store *s, const struct kb_graph_query *q, int format,
                    FILE *out, struct kb_error *err)
{
    return kb_export_graph_with(s, q, format, NULL, out, err);
}

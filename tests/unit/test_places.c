/*
 * test_places.c -- toponym resolution with the built-in gazetteer.
 *
 * Test plan:
 *   geo-1.x  countries, capitals and the places of the sample corpus resolve
 *   geo-2.x  variants and transliterations (Kiev/Kyiv, Chornobyl, Prypiat, Liège)
 *   geo-3.x  context: qualifiers ("Paris, Texas"), the document's countries (Georgia)
 *   geo-4.x  historic states stay unresolved (null coordinates, never a guess)
 *   geo-5.x  distance function
 *   geo-6.x  reading context: a division named like its city is the city unless
 *            the text says region; lists are not qualifiers; a country's name
 *            stays the country beside a town of that name; AP abbreviations;
 *            a shorter name stands for a longer one of the text; the items of a
 *            list are alike (states beside states); a state's offices
 *   geo-7.x  a resolved place carries its division and country, and a
 *            confidence in 0..1
 *   geo-8.x  names inside names: a notable place inside an unlisted name
 *            ("Henderson County Jail", "North Georgia", "Sub-Saharan Africa"),
 *            never at the start of a street; the same place under two names;
 *            a qualifier outweighs a longer name; plurals after a list
 *            ("Douglas, Sarpy and Lancaster counties")
 *   geo-9.x  document evidence: neighbours explain each other; a city's
 *            country is no evidence for itself; an old name of another place
 *            weighs less than a town's own name; one place named twice
 *            supports the others once; offices of a town
 *   geo-10.x data: country points that serve GeoNames and Wikipedia
 *            readers, division points robust to miscoded places, division
 *            names without their kind ("Zamfara"), regions, small places
 */
#include "extract/gazetteer.h"
#include "helpers.h"

static void near_to(const char *text, const char *span, double lat, double lon, double km,
                    const char *id)
{
    struct kb_doc *d = t_extract(text, NULL);
    const struct kb_place *p = t_place(d, span);
    T_OK(p && p->resolved, "%s: '%s' not resolved in \"%s\"", id, span, text);
    if (p && p->resolved) {
        double dist = kb_geo_distance_km(p->lat, p->lon, lat, lon);
        T_OK(dist <= km, "%s: '%s' resolved to %s (%.3f, %.3f), %.0f km away", id, span,
             p->name, p->lat, p->lon, dist);
    }
    kb_doc_free(d);
}

int main(void)
{
    t_setup();
    near_to("Troops left Pripyat.", "Pripyat", 51.40, 30.06, 20, "geo-1.1 Pripyat");
    near_to("Staff stayed at Chernobyl.", "Chernobyl", 51.28, 30.22, 20, "geo-1.2 Chernobyl");
    near_to("He flew to Minsk.", "Minsk", 53.90, 27.57, 20, "geo-1.3 a capital, not its province");
    near_to("He flew to Moscow.", "Moscow", 55.75, 37.62, 20, "geo-1.4 Moscow");
    near_to("Talks in Canberra ended.", "Canberra", -35.28, 149.13, 20, "geo-1.5 Canberra");
    near_to("Belarus denied it.", "Belarus", 53.0, 28.0, 50, "geo-1.6 a country");
    near_to("Shelling hit Enerhodar.", "Enerhodar", 47.50, 34.65, 20, "geo-1.7 Enerhodar");
    near_to("Missiles struck Kiev.", "Kiev", 50.45, 30.52, 20, "geo-2.1 Kiev is Kyiv");
    near_to("Workers returned to Chornobyl.", "Chornobyl", 51.28, 30.22, 20, "geo-2.2 Chornobyl");
    near_to("The flag flies over Prypiat.", "Prypiat", 51.40, 30.06, 20, "geo-2.3 Prypiat");
    near_to("Police in Liege arrested two.", "Liege", 50.63, 5.57, 20, "geo-2.4 Liege / Liège");
    near_to("Police in Liège arrested two.", "Liège", 50.63, 5.57, 20, "geo-2.5 Liège");
    near_to("The festival in Paris, Texas drew crowds.", "Paris", 33.66, -95.56, 30,
            "geo-3.1 Paris, Texas is not in France");
    near_to("Flights from Tbilisi to Georgia's regions resumed; Georgia protested.", "Georgia",
            42.0, 43.5, 250, "geo-3.2 Georgia beside Tbilisi is the country");
    near_to("Atlanta is the capital of Georgia, where voters went to the polls.", "Georgia",
            32.75, -83.5, 250, "geo-3.3 Georgia beside Atlanta is the US state");
    {
        struct kb_doc *d = t_extract("The Soviet Union built the plant.", NULL);
        const struct kb_place *p = t_place(d, "Soviet Union");
        T_OK(p && !p->resolved && p->geonameid == 0, "geo-4.1 Soviet Union: a place with no "
                                                      "coordinates");
        kb_doc_free(d);
    }
    near_to("Shelling hit Kharkiv overnight.", "Kharkiv", 49.98, 36.25, 20,
            "geo-6.1 Kharkiv is the city");
    {
        struct kb_doc *d = t_extract("Shelling hit the Kharkiv region overnight.", NULL);
        const struct kb_place *p = t_place(d, "Kharkiv");
        T_OK(p && p->resolved && strcmp(p->feature, "A.ADM1") == 0,
             "geo-6.2 'the Kharkiv region' is the oblast (%s)", p ? p->feature : "none");
        kb_doc_free(d);
    }
    near_to("After stops in Washington, New York and Boston, he flew home.", "Washington",
            38.90, -77.04, 30, "geo-6.3 a list is no qualifier");
    near_to("Exports from China rose, traders in Houston, Texas said.", "China", 35, 105, 300,
            "geo-6.4 China stays the country beside Texas");
    near_to("He grew up in Athens, Ga., and studied law.", "Athens", 33.96, -83.38, 30,
            "geo-6.5 'Athens, Ga.'");
    near_to("Voters in Avondale Estates and Decatur met. Avondale wants more.", "Avondale",
            33.77, -84.27, 20, "geo-6.6 Avondale stands for Avondale Estates");
    near_to("Troops left Pripyat and Chernobyl near Kyiv.", "Kyiv", 50.45, 30.52, 20,
            "geo-6.7 Kyiv beside Chernobyl is the capital, not its oblast");
    {
        static const char *const texts[] = {"Cases rose in California, Texas and New York.",
                                            "The New York Governor declared an emergency.",
                                            "He grew up in New York and studied law."};
        static const char *const want[] = {"A.ADM1", "A.ADM1", "P.PPL"};
        static const char *const ids[] = {"geo-6.8 New York beside states is the state",
                                          "geo-6.9 the New York Governor's state",
                                          "geo-6.10 New York alone is the city"};
        for (int k = 0; k < 3; k++) {
            struct kb_doc *d = t_extract(texts[k], NULL);
            const struct kb_place *p = t_place(d, "New York");
            T_OK(p && p->resolved && strcmp(p->feature, want[k]) == 0, "%s (%s)", ids[k],
                 p ? p->feature : "none");
            kb_doc_free(d);
        }
    }
    {
        struct kb_doc *d = t_extract("Troops left Pripyat on Friday.", NULL);
        const struct kb_place *p = t_place(d, "Pripyat");
        T_OK(p && p->in_admin1.name && strcmp(p->in_admin1.name, "Kyiv Oblast") == 0,
             "geo-7.1 Pripyat lies in Kyiv Oblast");
        T_OK(p && p->in_country.name && strcmp(p->in_country.name, "Ukraine") == 0 &&
                 strcmp(p->in_country.feature, "A.PCLI") == 0,
             "geo-7.2 and in Ukraine");
        T_OK(p && p->conf > 0 && p->conf <= 1, "geo-7.3 confidence in 0..1 (%.3f)",
             p ? p->conf : -1.0);
        kb_doc_free(d);
        d = t_extract("Ukraine protested.", NULL);
        p = t_place(d, "Ukraine");
        T_OK(p && p->resolved && !p->in_country.name && !p->in_admin1.name,
             "geo-7.4 a country lies in nothing");
        kb_doc_free(d);
    }
    /* geo-8: names inside names */
    {
        struct kb_doc *d = t_extract("He was booked into the Henderson County Jail.", NULL);
        const struct kb_place *p = t_place(d, "Henderson County Jail");
        T_OK(p && p->resolved && strcmp(p->feature, "A.ADM2") == 0,
             "geo-8.1 a jail named after its county is in that county (%s)",
             p ? p->feature : "none");
        kb_doc_free(d);
        d = t_extract("She moved to an office on Madison Avenue.", NULL);
        p = t_place(d, "Madison Avenue");
        T_OK(!p || !p->resolved, "geo-8.2 a street is not in its namesake (%s)",
             p && p->name ? p->name : "none");
        kb_doc_free(d);
    }
    near_to("Aid to Sub-Saharan Africa rose.", "Sub-Saharan Africa", 7.19, 21.09, 50,
            "geo-8.3 Sub-Saharan Africa lies in Africa");
    near_to("Rain fell across North Georgia as storms moved toward Atlanta.", "North Georgia",
            32.7, -83.4, 150, "geo-8.4 North Georgia beside Atlanta is in the US state");
    near_to("Roads closed in Athens-Clarke County. Athens police urged caution.", "Athens", 33.96,
            -83.38, 30, "geo-8.5 Athens beside Athens-Clarke County is that Athens");
    near_to("Springfield, Ohio -- The Springfield City School District met.", "Springfield",
            39.92, -83.81, 30, "geo-8.6 a qualifier outweighs a longer name");
    {
        struct kb_doc *d =
            t_extract("Snow closed roads in Douglas, Sarpy and Lancaster counties.", NULL);
        const struct kb_place *p = t_place(d, "Douglas");
        T_OK(p && p->resolved && strcmp(p->feature, "A.ADM2") == 0,
             "geo-8.7 'Douglas, Sarpy and Lancaster counties': a county (%s)",
             p ? p->feature : "none");
        kb_doc_free(d);
    }
    /* geo-9: document evidence */
    near_to("Firefighters from Hagerstown and New Castle fought the blaze.", "Hagerstown", 39.91,
            -85.16, 30, "geo-9.1 neighbours explain each other (Hagerstown, Indiana)");
    near_to("A Paris man was arrested by Edgar County deputies and taken to Urbana.", "Paris",
            39.61, -87.70, 30, "geo-9.2 Paris beside Edgar County and Urbana is in Illinois");
    {
        struct kb_doc *d = t_extract("Berea police are looking for a suspect.", NULL);
        const struct kb_place *p = t_place(d, "Berea");
        T_OK(p && p->resolved && strcmp(p->country, "SY") != 0 && p->feature[0] == 'P',
             "geo-9.3 Berea is a town, not Aleppo's old name (%s %s)", p ? p->country : "",
             p ? p->feature : "");
        kb_doc_free(d);
    }
    near_to("LEXINGTON, Ky. -- A Kentucky family was safe after the attack in Paris, France, "
            "Kentucky officials said.",
            "Paris", 48.85, 2.35, 30, "geo-9.4 Ky. and Kentucky count once");
    near_to("Protests spread in Paris. Police in Paris made arrests.", "Paris", 48.85, 2.35, 30,
            "geo-9.5 Paris alone is still the capital");
    /* geo-10: data */
    {
        static const struct {
            const char *text, *span, *id;
            double lat, lon, lat2, lon2;
        } c[] = {
            {"China protested.", "China", "geo-10.1 China: GeoNames and Wikipedia readers", 35,
             105, 35, 103},
            {"Sudan protested.", "Sudan", "geo-10.2 Sudan: GeoNames and Wikipedia readers", 15,
             30, 15, 32},
            {"Nigeria protested.", "Nigeria", "geo-10.3 Nigeria: both readers", 10, 8, 8, 10},
            {"Factories in Jiangsu closed.", "Jiangsu",
             "geo-10.4 Jiangsu: a division's point despite miscoded places", 33, 119.8, 32.9,
             119.8},
        };
        for (size_t k = 0; k < KB_ARRAY_LEN(c); k++) {
            near_to(c[k].text, c[k].span, c[k].lat, c[k].lon, 161, c[k].id);
            near_to(c[k].text, c[k].span, c[k].lat2, c[k].lon2, 161, c[k].id);
        }
    }
    {
        struct kb_doc *d = t_extract("Gunmen attacked villages in Zamfara. Aid reached "
                                     "South Darfur and Darfur.",
                                     NULL);
        const struct kb_place *p = t_place(d, "Zamfara");
        T_OK(p && p->resolved && strcmp(p->feature, "A.ADM1") == 0 &&
                 strcmp(p->country, "NG") == 0,
             "geo-10.5 Zamfara is Zamfara State (%s)", p ? p->feature : "none");
        p = t_place(d, "South Darfur");
        T_OK(p && p->resolved && strcmp(p->country, "SD") == 0,
             "geo-10.6 South Darfur is Southern Darfur");
        p = t_place(d, "Darfur");
        T_OK(p && p->resolved && strcmp(p->feature, "L.RGN") == 0, "geo-10.7 Darfur, a region");
        kb_doc_free(d);
    }
    near_to("The mine near Ridge Farm, Illinois, will close.", "Ridge Farm", 39.90, -87.65, 20,
            "geo-10.8 a village of under 1,000 people");
    double km = kb_geo_distance_km(51.40, 30.06, 51.28, 30.22);
    T_OK(km > 15 && km < 18, "geo-5.1 Pripyat-Chernobyl is about 16 km (got %.1f)", km);
    kb_extractor_release(&t_ex);
    return t_done();
}

#!/bin/sh
# t-concurrency.sh KB -- concurrent use of one knowledge base: readers during
# an ingest, two ingests at once, and SIGINT.
#
# Test plan (conc-N):
#  conc-1 while `kb ingest` writes, `kb sql` and `kb timeline` readers run in a
#         loop: none fails or waits for a lock, each sees a committed snapshot
#         (whole batches of articles, every visible article complete as in the
#         reference, the timeline JSON whole and its event count never going
#         back)
#  conc-2 two `kb ingest` of different corpora on one KB at once: both exit 0
#         and the KB holds exactly what ingesting one after the other gives
#  conc-3 two `kb ingest` of the same corpus at once: both exit 0, every
#         article stored once
#  conc-4 SIGINT stops an ingest at an article boundary, committing: it says
#         how many articles it stored, and exactly those are in the KB, whole
. "$(dirname "$0")/lib/common.sh"
cd "$TMP" || exit 1

python3 "$HERE/lib/gen-corpus.py" 600 a.jsonl A
python3 "$HERE/lib/gen-corpus.py" 600 b.jsonl B
run "$KB" --db ref-a.db ingest -q --batch 50 a.jsonl
cp ref-a.db ref-ab.db
run "$KB" --db ref-ab.db ingest -q --batch 50 b.jsonl
want_rc 0 "reference: a.jsonl then b.jsonl, one after the other"

# ---- conc-1 readers during an ingest ----
# The ingest reads its articles from a pipe that this script fills 50 at a
# time, with a round of readers after each: the writer is alive (and between
# or inside its transactions) at every round, however fast or loaded the
# machine, so the number of rounds does not depend on timing.
reads=0 failed=0 torn=0 partial=0 back=0 last_events=0
reader_round() {
	# one statement, so one snapshot: the article count and every article's rows
	if ! "$KB" --db kb.db sql --format csv "$PER_ARTICLE_SQL" >snap.csv 2>snap.err; then
		failed=$((failed + 1))
		sed 's/^/    reader: /' snap.err
		return
	fi
	tail -n +2 snap.csv | tr -d '\r' | tr ',' '|' >snap.rows
	n=$(wc -l <snap.rows)
	[ $((n % 50)) = 0 ] || partial=$((partial + 1))
	[ -z "$(grep -Fxv -f ref.rows snap.rows)" ] || torn=$((torn + 1))
	if "$KB" --db kb.db timeline --format json -o tl.json 2>tl.err; then
		e=$(python3 -c 'import json,sys; d=json.load(open("tl.json")); assert d["count"] == len(d["events"]); print(d["count"])' 2>/dev/null)
		if [ -z "$e" ]; then
			torn=$((torn + 1))
		elif [ "$e" -lt "$last_events" ]; then
			back=$((back + 1))
		else
			last_events=$e
		fi
	else
		failed=$((failed + 1))
		sed 's/^/    reader: /' tl.err
	fi
	reads=$((reads + 1))
}
"$KB" --db kb.db init 2>/dev/null
per_article ref-a.db >ref.rows
split -l 50 a.jsonl part-
mkfifo feed
"$KB" --db kb.db ingest -q --batch 50 --jsonl - <feed 2>ingest.err &
pid=$!
exec 3>feed
for part in part-*; do
	cat "$part" >&3
	reader_round
done
exec 3>&-
while kill -0 $pid 2>/dev/null; do
	reader_round
done
wait $pid
st=$?
check '[ $st = 0 ]' "conc-1 the ingest finishes with readers around (exit $st)"
check '[ $reads -ge 3 ]' "conc-1 $reads reader rounds ran during the ingest"
check '[ $failed = 0 ]' "conc-1 no reader failed or met a lock ($failed failures)"
check '[ $partial = 0 ]' "conc-1 readers only ever see whole batches ($partial partial)"
check '[ $torn = 0 ]' "conc-1 every article a reader sees is complete ($torn torn snapshots)"
check '[ $back = 0 ]' "conc-1 the timeline never goes back ($back times)"
check '[ "$(fingerprint kb.db)" = "$(fingerprint ref-a.db)" ]' "conc-1 the KB equals the reference"

# ---- conc-2 two ingests of different corpora ----
"$KB" --db two.db init 2>/dev/null
"$KB" --db two.db ingest -q --batch 50 a.jsonl 2>two-a.err &
pa=$!
"$KB" --db two.db ingest -q --batch 50 b.jsonl 2>two-b.err &
pb=$!
wait $pa
sa=$?
wait $pb
sb=$?
check '[ $sa = 0 ] && [ $sb = 0 ]' "conc-2 both ingests finish (exit $sa and $sb)"
[ -s two-a.err ] && sed 's/^/    a: /' two-a.err
[ -s two-b.err ] && sed 's/^/    b: /' two-b.err
switches=$(q two.db "SELECT count(*) FROM (SELECT substr(ext_id, 1, 1) AS t,
	lag(substr(ext_id, 1, 1)) OVER (ORDER BY id) AS p FROM articles) WHERE t != p")
check '[ "$switches" -ge 2 ]' "conc-2 the two really ran at once: their batches interleave ($switches switches)"
check '[ "$(q two.db "SELECT count(*) FROM articles")" = 1200 ]' "conc-2 no article is lost (1200 stored)"
check '[ "$(fingerprint two.db)" = "$(fingerprint ref-ab.db)" ]' \
	"conc-2 the KB holds exactly what one-after-the-other gives"
check '[ "$(integrity two.db)" = ok ]' "conc-2 integrity ok"

# ---- conc-3 two ingests of the same corpus ----
"$KB" --db same.db init 2>/dev/null
"$KB" --db same.db ingest -q --batch 50 a.jsonl 2>same-1.err &
p1=$!
"$KB" --db same.db ingest -q --batch 50 a.jsonl 2>same-2.err &
p2=$!
wait $p1
s1=$?
wait $p2
s2=$?
check '[ $s1 = 0 ] && [ $s2 = 0 ]' "conc-3 both ingests of one corpus finish (exit $s1 and $s2)"
check '[ "$(fingerprint same.db)" = "$(fingerprint ref-a.db)" ]' \
	"conc-3 every article is stored once, exactly as by one ingest"

# ---- conc-4 SIGINT ----
"$KB" --db int.db init 2>/dev/null
"$KB" --db int.db ingest --batch 50 a.jsonl b.jsonl 2>int.err &
pid=$!
wait_for int.db "SELECT count(*) FROM articles" 101 120 || bad "conc-4 the ingest made no progress"
kill -INT $pid
wait $pid
st=$?
check '[ $st = 130 ]' "conc-4 SIGINT ends the ingest with status 130 (got $st)"
said=$(sed -n 's/^kb: interrupted: stopped after \([0-9]*\) articles, all of them stored$/\1/p' int.err)
got=$(q int.db "SELECT count(*) FROM articles")
check '[ -n "$said" ]' "conc-4 it says how far it got: '$(grep interrupted int.err)'"
check '[ "$said" = "$got" ]' "conc-4 exactly the $said articles it names are stored ($got)"
check '[ "$got" -lt 1200 ]' "conc-4 it stopped before the end"
check '[ -z "$(half_stored int.db ref-ab.db)" ]' "conc-4 every stored article is whole"
check '[ "$(integrity int.db)" = ok ]' "conc-4 integrity ok"
run "$KB" --db int.db ingest -q --batch 50 a.jsonl b.jsonl
check '[ "$RC" = 0 ] && [ "$(fingerprint int.db)" = "$(fingerprint ref-ab.db)" ]' \
	"conc-4 a re-run completes to the reference"

finish

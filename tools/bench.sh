#!/bin/sh
# bench.sh KB -- kb's benchmarks: throughput, memory, growth, exports, queries.
#
# Every figure is the median of RUNS runs (wall-clock seconds; peak resident
# memory from the kernel's rusage).  Corpora come from tools/gen-corpus.py
# (deterministic: same seed, same bytes) and are kept under build/bench/.
# Prints a Markdown table (also written to build/bench/results.md) with the
# machine described; docs/performance.md keeps the last one committed.
#
# Environment (defaults in brackets):
#   RUNS     runs per measurement, the median is reported [3]
#   MB       corpus size for the throughput rows, in MB of text [20]
#   GROWTH   two corpus sizes for the growth rows [100 400]; empty: skip
#   GROWTH_RUNS  runs per growth row [RUNS]
#   EVENTS   events in the KB the export rows use [1000000]; 0: skip
#   JOBS     threads for the "all cores" rows [number of processors]
#   QUERY_SECONDS  a docs/queries.md query that runs longer is reported as such [60]
#   ONLY     run only these sections (extract ingest load growth export queries)
#   SEED     corpus seed [1]
#   DOC      0: do not put the table into docs/performance.md [1]
#
# Run it when the machine is otherwise idle: the table records the load
# average at the start and at the end.
set -eu
kb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-3}
MB=${MB:-20}
GROWTH=${GROWTH-100 400}
GROWTH_RUNS=${GROWTH_RUNS:-$RUNS}
EVENTS=${EVENTS:-1000000}
JOBS=${JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
ONLY=${ONLY:-extract ingest load growth export queries}
SEED=${SEED:-1}
QUERY_SECONDS=${QUERY_SECONDS:-60}
dir=$root/build/bench
mkdir -p "$dir"
out=$dir/results.md
rows=$dir/rows.md
: >"$rows"

want() { case " $ONLY " in *" $1 "*) return 0 ;; esac; return 1; }

# corpus MB: the path of a generated corpus of MB megabytes (made once)
corpus() {
	f=$dir/corpus-$SEED-$1.jsonl
	[ -s "$f" ] || python3 "$root/tools/gen-corpus.py" --mb "$1" --seed "$SEED" -o "$f"
	echo "$f"
}

# text_mb FILE: megabytes of article text in a JSON Lines corpus
text_mb() {
	python3 -c 'import json,sys; print("%.2f" % (sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])) / 1e6))' "$1"
}

# once CMD: run CMD once (shell), print "seconds maxrss_kb cpu_seconds"
# (cpu: user + system time of everything CMD ran)
once() {
	python3 - "$@" <<'EOF'
import resource, subprocess, sys, time
t = time.monotonic()
r = subprocess.run(["sh", "-c", sys.argv[1]])
e = time.monotonic() - t
if r.returncode != 0:
    sys.exit("bench: failed (%d): %s" % (r.returncode, sys.argv[1]))
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.3f %d %.3f" % (e, u.ru_maxrss, u.ru_utime + u.ru_stime))
EOF
}

# measure PREP CMD: RUNS times (PREP before each, untimed), print the medians
# "seconds maxrss_kb cpu_seconds"
measure() {
	i=0
	: >"$dir/runs"
	while [ $i -lt "$RUNS" ]; do
		sh -c "$1"
		once "$2" >>"$dir/runs"
		i=$((i + 1))
	done
	med() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
	echo "$(cut -d' ' -f1 "$dir/runs" | med) $(cut -d' ' -f2 "$dir/runs" | med) $(cut -d' ' -f3 "$dir/runs" | med)"
}

row() { printf '| %s | %s | %s |\n' "$1" "$2" "$3" | tee -a "$rows"; }
mbs() { awk -v m="$1" -v s="$2" 'BEGIN { printf "%.2f MB/s", m / s }'; }
mem() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }
secs() { awk -v s="$1" 'BEGIN { printf "%.2f s", s }'; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)
echo "| measure | result | notes |" | tee "$rows"
echo "|---|---|---|" | tee -a "$rows"

if want extract || want ingest || want load; then
	c=$(corpus "$MB")
	m=$(text_mb "$c")
fi

if want extract; then
	set -- $(once "'$kb' extract --jsonl </dev/null >/dev/null")
	row "start-up (kb extract, empty input)" "$(secs "$1")" "loading dictionaries and gazetteer; $(mem "$2")"
	set -- $(measure true "'$kb' extract -j 1 --jsonl '$c' >/dev/null")
	x1=$1
	row "kb extract, one core (-j 1)" "$(mbs "$m" "$1")" "$m MB of text, every stage; $(mbs "$m" "$3") of CPU time; peak $(mem "$2")"
	set -- $(measure true "'$kb' extract -j $JOBS --jsonl '$c' >/dev/null")
	row "kb extract, $JOBS threads (-j $JOBS)" "$(mbs "$m" "$1")" \
		"$(awk -v a="$x1" -v b="$1" 'BEGIN { printf "%.2fx", a / b }') against -j 1; peak $(mem "$2")"
fi

if want ingest; then
	db=$dir/ingest.db
	set -- $(measure "rm -f '$db' '$db-wal' '$db-shm'" "'$kb' --db '$db' ingest -q -j 1 '$c'")
	i1=$1
	row "kb ingest, one core (-j 1)" "$(mbs "$m" "$1")" "into a fresh KB; $(mbs "$m" "$3") of CPU time; peak $(mem "$2")"
	set -- $(measure "rm -f '$db' '$db-wal' '$db-shm'" "'$kb' --db '$db' ingest -q -j $JOBS '$c'")
	row "kb ingest, $JOBS threads (-j $JOBS)" "$(mbs "$m" "$1")" \
		"$(awk -v a="$i1" -v b="$1" 'BEGIN { printf "%.2fx", a / b }') against -j 1; $(secs "$3") of CPU; peak $(mem "$2")"
	size=$(wc -c <"$db")
	row "KB size per MB of text" "$(awk -v s="$size" -v m="$m" 'BEGIN { printf "%.1f MB", s / 1e6 / m }')" \
		"$(awk -v s="$size" 'BEGIN { printf "%.0f MB", s / 1e6 }') for $m MB; $("$kb" --db "$db" sql --format csv "SELECT count(*) FROM events" | tail -n 1 | tr -d "\r") events"
fi

if want load; then
	"$kb" extract -j "$JOBS" --jsonl "$c" >"$dir/extract.jsonl"
	db=$dir/load.db
	set -- $(measure "rm -f '$db' '$db-wal' '$db-shm'" "'$kb' --db '$db' load -q -j $JOBS '$dir/extract.jsonl'")
	row "kb load (output of kb extract, -j $JOBS)" "$(mbs "$m" "$1")" "MB of article text per second; $(secs "$3") of CPU; peak $(mem "$2")"
	split -n l/4 -d "$c" "$dir/part-"
	for p in "$dir"/part-0?; do
		rm -f "$p.db"
		"$kb" --db "$p.db" ingest -q --jsonl -j "$JOBS" "$p"
	done
	db=$dir/merged.db
	set -- $(measure "rm -f '$db' '$db-wal' '$db-shm'" "'$kb' merge -q '$dir'/part-0?.db --into '$db'")
	row "kb merge, 4 shards" "$(mbs "$m" "$1")" "$(secs "$1") for $m MB of text; peak $(mem "$2")"
fi

if want growth && [ -n "$GROWTH" ]; then
	set -- $GROWTH
	small=$1 big=$2
	for n in "$small" "$big"; do
		c=$(corpus "$n")
		db=$dir/growth-$n.db
		runs=$RUNS
		RUNS=$GROWTH_RUNS
		set -- $(measure "rm -f '$db' '$db-wal' '$db-shm'" "'$kb' --db '$db' ingest -q -j $JOBS '$c'")
		RUNS=$runs
		eval "t_$n=$1 r_$n=$2 c_$n=$3"
		row "kb ingest $n MB (-j $JOBS)" "$(secs "$1")" "$(mbs "$(text_mb "$c")" "$1"); $(secs "$3") of CPU; peak $(mem "$2")"
	done
	eval "ts=\$t_$small tb=\$t_$big rs=\$r_$small rb=\$r_$big cs=\$c_$small cb=\$c_$big"
	row "growth $small MB -> $big MB" \
		"$(awk -v a="$ts" -v b="$tb" 'BEGIN { printf "%.2fx time", b / a }')" \
		"for $(awk -v a="$small" -v b="$big" 'BEGIN { printf "%.1fx", b / a }') input; $(awk -v a="$cs" -v b="$cb" 'BEGIN { printf "%.2fx", b / a }') CPU time; peak memory $(mem "$rs") -> $(mem "$rb")"
fi

if want export && [ "$EVENTS" -gt 0 ]; then
	# a corpus with EVENTS events: grow it until the KB has them
	n=$(awk -v e="$EVENTS" 'BEGIN { printf "%d", e / 5000 + 1 }')
	while :; do
		c=$(corpus "$n")
		db=$dir/events-$n.db
		[ -s "$db" ] || "$kb" --db "$db" ingest -q -j "$JOBS" "$c"
		ev=$("$kb" --db "$db" sql --format csv "SELECT count(*) FROM events" | tail -n 1 | tr -d "\r")
		[ "$ev" -ge "$EVENTS" ] && break
		n=$(awk -v n="$n" -v e="$ev" -v want="$EVENTS" 'BEGIN { printf "%d", n * want / e * 1.02 + 1 }')
	done
	set -- $(measure true "'$kb' --db '$db' timeline --format json -o /dev/null")
	row "kb timeline --format json" "$(secs "$1")" "$ev events; peak $(mem "$2")"
	set -- $(measure true "'$kb' --db '$db' timeline --format csv -o /dev/null")
	row "kb timeline --format csv" "$(secs "$1")" "$ev events; peak $(mem "$2")"
	set -- $(measure true "'$kb' --db '$db' graph --format dot -o /dev/null")
	row "kb graph --format dot" "$(secs "$1")" "$ev events (default graph options); peak $(mem "$2")"
	qdb=$db
fi

if want queries; then
	if [ -z "${qdb:-}" ]; then
		qdb=$dir/ingest.db
		[ -s "$qdb" ] || "$kb" --db "$qdb" ingest -q -j "$JOBS" "$(corpus "$MB")"
	fi
	doc=$root/docs/queries.md
	[ -f "$doc" ] || doc=$root/docs/schema.md
	rm -f "$dir"/q*.sql
	awk -v dir="$dir" '
		/^```sql/ { n++; f = sprintf("%s/q%02d.sql", dir, n); inq = 1; next }
		/^```/ && inq { inq = 0; close(f); next }
		inq { print > f }' "$doc"
	ev=$("$kb" --db "$qdb" sql --format csv "SELECT count(*) FROM events" | tail -n 1 | tr -d "\r")
	for q in "$dir"/q*.sql; do
		[ -f "$q" ] || continue
		name=$(basename "$q" .sql)
		# a query that outgrows QUERY_SECONDS once is not run again
		if ! timeout "$QUERY_SECONDS" "$kb" --db "$qdb" sql --format csv -f "$q" >/dev/null 2>&1; then
			row "$(basename "$doc") query ${name#q}" "> $QUERY_SECONDS s" "on a KB of $ev events: stopped"
			continue
		fi
		set -- $(measure true "'$kb' --db '$qdb' sql --format csv -f '$q' >/dev/null")
		row "$(basename "$doc") query ${name#q}" "$(secs "$1")" "on a KB of $ev events, including start-up"
	done
fi

load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)
{
	echo "Machine: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //'),"\
		"$(getconf _NPROCESSORS_ONLN) processors, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) memory;"\
		"$(uname -sr); $(cc --version | head -n 1); SQLite $(sqlite3 --version | cut -d' ' -f1)."
	echo "Load average at start: $load_start; at the end: $load_end.  Medians of $RUNS runs"\
		"($GROWTH_RUNS for the growth rows)."
	echo
	cat "$rows"
} >"$out"
# the table between the markers of docs/performance.md (DOC=0: leave it)
doc=$root/docs/performance.md
if [ "${DOC:-1}" != 0 ] && grep -q '^<!-- bench:begin -->$' "$doc"; then
	awk -v f="$out" '
		/^<!-- bench:begin -->$/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
		/^<!-- bench:end -->$/ { skip = 0 }
		!skip' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
	echo "bench: docs/performance.md updated"
fi
echo
echo "bench: table written to $out"

#!/usr/bin/env bash
# The pipeline's throughput and footprint, each beside an anchor measured in the same run on the same machine,
# interleaved (anchor, ContractGate, anchor, ...), medians printed with ratios:
#   scan     `scan` messages/s against a naive Python regex script, 40,000 lines
#   ingest   signed webhooks/s and p99 while the inbox worker processes them, against a bare Javalin app that only
#            reads the body; then the inbox's processing rate (small talk, and messages the bot answers), against
#            a raw SQLite loop of one-row durable commits on the same disk
#   startup  launch to the first 200 from /health, and the resident memory after 5 s idle, against bare Javalin
# Needs: the jar (mvn -B -q -DskipTests package), a JDK (javac), python3, wrk (Debian: apt-get install wrk).
# Usage: bench/pipeline.sh [scan|ingest|startup ...] (default: all three). Environment: ROUNDS (3), SECONDS_EACH (10),
#   CONNECTIONS (32), JAVA_OPTS (flags for ContractGate's JVM, default none, as the README runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
sections=("$@")
[ ${#sections[@]} -gt 0 ] || sections=(scan ingest startup)
rounds=${ROUNDS:-3}
seconds=${SECONDS_EACH:-10}
connections=${CONNECTIONS:-32}
java_opts=${JAVA_OPTS:-}
jar=target/contractgate.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package
command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
token='A9ne+ygvdV0IZBaPFV2zC1e5Bk+IsI14BPwieRoBQNU='
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
ratio() { python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }
javac -cp "$jar" -d "$work/bare" bench/BareJavalin.java

start_bare() { # port -> pid in $started
  java -cp "$jar:$work/bare" BareJavalin "$1" >"$work/bare.log" 2>&1 &
  started=$!; pids+=("$started")
}
start_contractgate() { # port db -> pid in $started
  CONTRACTGATE_PORT=$1 CONTRACTGATE_DB_URL="jdbc:sqlite:$2" CHATWORK_BOT_ACCOUNT_ID=1 CHATWORK_WEBHOOK_TOKENS="$token" \
    CONTRACTGATE_LOG_LEVEL=WARN java $java_opts -jar "$jar" serve >"$work/server.log" 2>&1 &
  started=$!; pids+=("$started")
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
# Seconds from now until /health answers 200 (polled every 10 ms).
wait_healthy() {
  python3 - "$1" <<'PY'
import sys, time, urllib.request
start = time.monotonic()
while time.monotonic() - start < 120:
    try:
        if urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/health", timeout=1).status == 200:
            print("%.2f" % (time.monotonic() - start)); sys.exit(0)
    except Exception:
        time.sleep(0.01)
sys.exit(1)
PY
}
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

section_scan() {
  python3 - "$work/scan.jsonl" <<'PY'
import json, random, sys
random.seed(7)
chatter = ["はじめまして、よろしくお願いします。", "了解です、確認します。", "ありがとうございます！明日までに送ります。",
           "納期は12月15日でお願いします", "修正版をアップしました。ご確認ください。", "Thanks, I'll check it tomorrow."]
contact = ["LINE IDはtanaka_works77です", "メールは a.b@gmail.com に送ってください", "090-1234-5678 に電話ください",
           "詳しくは https://example.com/job を見てください", "報酬は5万円、直接振込でどうですか"]
with open(sys.argv[1], "w") as out:
    for i in range(40000):
        text = random.choice(contact) if i % 5 == 0 else random.choice(chatter)
        out.write(json.dumps({"id": str(i + 1), "text": text}, ensure_ascii=False) + "\n")
PY
  cat > "$work/naive.py" <<'PY'
import json, re, sys
patterns = {"email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"), "phone": re.compile(r"0\d{1,3}-?\d{2,4}-?\d{3,4}"),
            "url": re.compile(r"https?://\S+"), "line": re.compile(r"(?i)line\s*id\S*\s*[:：は]?\s*[\w.-]+"),
            "money": re.compile(r"\d+(?:[,，]\d{3})*\s*(?:万)?円")}
out = sys.stdout
for line in sys.stdin:
    message = json.loads(line)
    findings = [{"label": name, "start": m.start(), "end": m.end(), "match": m.group(0)}
                for name, pattern in patterns.items() for m in pattern.finditer(message["text"])]
    out.write(json.dumps({"id": message["id"], "findings": findings}, ensure_ascii=False) + "\n")
PY
  local naive=() ours=()
  for round in $(seq 1 "$rounds"); do
    local t0 t1
    t0=$(date +%s.%N); python3 "$work/naive.py" <"$work/scan.jsonl" >"$work/naive.out"; t1=$(date +%s.%N)
    naive+=("$(python3 -c "print(40000 / ($t1 - $t0))")")
    t0=$(date +%s.%N); java $java_opts -jar "$jar" scan <"$work/scan.jsonl" >"$work/scan.out"; t1=$(date +%s.%N)
    ours+=("$(python3 -c "print(40000 / ($t1 - $t0))")")
  done
  [ "$(wc -l <"$work/scan.out")" -eq 40000 ] || { echo "scan wrote $(wc -l <"$work/scan.out") lines, not 40000" >&2; exit 1; }
  local n o
  n=$(median "${naive[@]}"); o=$(median "${ours[@]}")
  printf '%-58s %10.0f msgs/s\n' "naive regex script (python3, 5 patterns)" "$n"
  printf '%-58s %10.0f msgs/s   ratio %s\n' "contractgate scan (start-up and model load included)" "$o" "$(ratio "$o" "$n")"
}

write_requests() { # folder kind total
  python3 - "$1" "$2" "$3" "$token" <<'PY'
import base64, hmac, hashlib, sys, time
folder, kind, total, token = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
key = base64.b64decode(token)
texts = {"smalltalk": ["はじめまして、よろしくお願いします。", "了解です、確認します。", "ありがとうございます！"],
         "alerts": ["LINE IDはtanaka_works77です", "メールは a.b@gmail.com に送ってください", "090-1234-5678 に電話ください"]}[kind]
escaped = [t.encode("unicode_escape").decode().replace("\\x", "\\u00") for t in texts]
now = int(time.time()) - 60
base = int(time.time() * 1000) * 1000
with open(f"{folder}/requests-{kind}.tsv", "w") as out:
    for i in range(total):
        body = ('{"webhook_setting_id":"246","webhook_event_type":"message_created","webhook_event_time":%d,'
                '"webhook_event":{"message_id":"%d","room_id":%d,"account_id":%d,"body":"%s","send_time":%d,'
                '"update_time":0}}') % (now, base + i, 1000 + i % 200, 3001 + i % 2, escaped[i % len(escaped)], now)
        signature = base64.b64encode(hmac.new(key, body.encode(), hashlib.sha256).digest()).decode()
        out.write(signature + "\t" + body + "\n")
PY
}

section_ingest() {
  command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
  cat > "$work/webhook.lua" <<'LUA'
function init(args)
  signatures, bodies, next_index = {}, {}, 0
  for line in io.lines(args[1]) do
    local tab = line:find("\t", 1, true)
    signatures[#signatures + 1] = line:sub(1, tab - 1)
    bodies[#bodies + 1] = line:sub(tab + 1)
  end
  next_index = tonumber(args[2]) or 0
end
function request()
  next_index = next_index % #bodies + 1
  return wrk.format("POST", "/webhooks/chatwork",
    {["Content-Type"] = "application/json", ["X-ChatWorkWebhookSignature"] = signatures[next_index]}, bodies[next_index])
end
LUA
  # One wrk thread: with two, both would send the same deliveries (duplicates, not new events).
  local bare_rps=() bare_p99=() ours_rps=() ours_p99=() rates=() commits=()
  for round in $(seq 1 "$rounds"); do
    write_requests "$work" smalltalk 300000
    local port; port=$(free_port)
    start_bare "$port"; local bare=$started; wait_healthy "$port" >/dev/null
    wrk -t1 -c"$connections" -d3s -s "$work/webhook.lua" "http://127.0.0.1:$port/webhooks/chatwork" -- "$work/requests-smalltalk.tsv" >/dev/null
    wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$work/webhook.lua" "http://127.0.0.1:$port/webhooks/chatwork" \
      -- "$work/requests-smalltalk.tsv" >"$work/bare.txt"
    stop "$bare"
    bare_rps+=("$(awk '/Requests\/sec/ {print $2}' "$work/bare.txt")")
    bare_p99+=("$(awk '/^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) sub(/ms/,"",v); else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' "$work/bare.txt")")

    port=$(free_port); local db="$work/round-$round.db"
    start_contractgate "$port" "$db"; local ours=$started; wait_healthy "$port" >/dev/null
    wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$work/webhook.lua" "http://127.0.0.1:$port/webhooks/chatwork" \
      -- "$work/requests-smalltalk.tsv" >"$work/ours.txt"
    ours_rps+=("$(awk '/Requests\/sec/ {print $2}' "$work/ours.txt")")
    ours_p99+=("$(awk '/^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) sub(/ms/,"",v); else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' "$work/ours.txt")")
    rates+=("$(drain_rate "$db")")
    stop "$ours"
    commits+=("$(sqlite_commits "$work/raw-$round.db")")
  done
  # Messages the bot answers: every room gets a contact alert (once per cool-down), the rest are recorded.
  write_requests "$work" alerts 20000
  local port; port=$(free_port); local db="$work/alerts.db"
  start_contractgate "$port" "$db"; local ours=$started; wait_healthy "$port" >/dev/null
  wrk -t1 -c"$connections" -d5s -s "$work/webhook.lua" "http://127.0.0.1:$port/webhooks/chatwork" -- "$work/requests-alerts.tsv" >/dev/null
  local alerts; alerts=$(drain_rate "$db")
  local replies; replies=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from outbox').fetchone()[0])" "$db")
  stop "$ours"

  local br bp orr op rt cm
  br=$(median "${bare_rps[@]}"); bp=$(median "${bare_p99[@]}"); orr=$(median "${ours_rps[@]}"); op=$(median "${ours_p99[@]}")
  rt=$(median "${rates[@]}"); cm=$(median "${commits[@]}")
  printf '%-58s %10.0f req/s   p99 %6.1f ms\n' "bare Javalin, POST (body read, 200)" "$br" "$bp"
  printf '%-58s %10.0f req/s   p99 %6.1f ms   ratio %s\n' "contractgate webhook, durable, while processing runs" "$orr" "$op" "$(ratio "$orr" "$br")"
  printf '%-58s %10.0f commits/s\n' "raw SQLite loop, one-row WAL synchronous=FULL commits" "$cm"
  printf '%-58s %10.0f events/s   ratio %s\n' "contractgate inbox processing, small talk" "$rt" "$(ratio "$rt" "$cm")"
  printf '%-58s %10.0f events/s   ratio %s   (%s replies promised)\n' "contractgate inbox processing, messages it answers" "$alerts" "$(ratio "$alerts" "$cm")" "$replies"
}

# Waits until the inbox is drained; prints events handled per second between the first and the last one handled.
drain_rate() {
  python3 - "$1" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30)
deadline = time.monotonic() + 600
while db.execute("select count(*) from inbox_event where status = 'pending'").fetchone()[0] > 0 and time.monotonic() < deadline:
    time.sleep(0.2)
n, first, last = db.execute("select count(*), min(processed_at), max(processed_at) from inbox_event where status <> 'pending'").fetchone()
print("%.0f" % (n * 1000.0 / max(1, last - first)))
PY
}

sqlite_commits() {
  python3 - "$1" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("pragma journal_mode=wal"); db.execute("pragma synchronous=full")
db.execute("create table t (id integer primary key, v text)")
n, start = 0, time.monotonic()
while time.monotonic() - start < 3:
    db.execute("begin immediate"); db.execute("insert into t (v) values ('x')"); db.execute("commit"); n += 1
print("%.0f" % (n / (time.monotonic() - start)))
PY
}

section_startup() {
  local bare_start=() bare_rss=() ours_start=() ours_rss=()
  for round in $(seq 1 "$rounds"); do
    local port; port=$(free_port)
    start_bare "$port"; local bare=$started
    bare_start+=("$(wait_healthy "$port")"); sleep 5; bare_rss+=("$(rss_mib "$bare")"); stop "$bare"
    port=$(free_port)
    start_contractgate "$port" "$work/startup-$round.db"; local ours=$started
    ours_start+=("$(wait_healthy "$port")"); sleep 5; ours_rss+=("$(rss_mib "$ours")"); stop "$ours"
  done
  local bs br os or
  bs=$(median "${bare_start[@]}"); br=$(median "${bare_rss[@]}"); os=$(median "${ours_start[@]}"); or=$(median "${ours_rss[@]}")
  printf '%-58s %6.2f s   idle RSS %4.0f MiB\n' "bare Javalin: launch to /health 200" "$bs" "$br"
  printf '%-58s %6.2f s   idle RSS %4.0f MiB   ratios %s, %s\n' "contractgate serve${java_opts:+ ($java_opts)}" "$os" "$or" \
    "$(ratio "$os" "$bs")" "$(ratio "$or" "$br")"
}

echo "bench/pipeline.sh on $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg); $rounds interleaved rounds, medians"
for section in "${sections[@]}"; do
  echo "== $section"
  "section_$section"
done

#!/usr/bin/env bash
# Load test of the webhook path against the running jar: signed Chatwork deliveries (each a new event, so each is a
# durable insert), and, in the same run against the same server, the trivial GET /health for comparison.
# Needs: the jar (mvn -B -q -DskipTests package), wrk and python3.
# Usage: bench/webhook-load.sh [connections=32] [seconds=15] [wrk threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${1:-32}
seconds=${2:-15}
threads=${3:-2}
jar=target/contractgate.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
token='A9ne+ygvdV0IZBaPFV2zC1e5Bk+IsI14BPwieRoBQNU='
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# Enough distinct signed deliveries for the whole run, one file per wrk thread.
python3 - "$work" "$threads" 400000 "$token" <<'PY'
import base64, hmac, hashlib, sys
folder, threads, total, token = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
key = base64.b64decode(token)
files = [open(f"{folder}/requests-{t}.tsv", "w") for t in range(threads)]
body_text = "\\u898b\\u7a4d\\u3082\\u308a\\u3092\\u304a\\u9858\\u3044\\u3057\\u307e\\u3059"
for i in range(total):
    body = ('{"webhook_setting_id":"246","webhook_event_type":"message_created","webhook_event_time":1700000000,'
            '"webhook_event":{"message_id":"%d","room_id":%d,"account_id":1484814,"body":"%s","send_time":1700000000,'
            '"update_time":0}}') % (9000000000000000000 + i, 1000 + i % 50, body_text)
    signature = base64.b64encode(hmac.new(key, body.encode(), hashlib.sha256).digest()).decode()
    files[i % threads].write(signature + "\t" + body + "\n")
for f in files: f.close()
PY

cat > "$work/webhook.lua" <<'LUA'
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  signatures, bodies, next_index = {}, {}, tonumber(args[2])
  for line in io.lines(args[1] .. "/requests-" .. id .. ".tsv") do
    local tab = line:find("\t", 1, true)
    signatures[#signatures + 1] = line:sub(1, tab - 1)
    bodies[#bodies + 1] = line:sub(tab + 1)
  end
end
function request()
  next_index = next_index % #bodies + 1
  return wrk.format("POST", "/webhooks/chatwork",
    {["Content-Type"] = "application/json", ["X-ChatWorkWebhookSignature"] = signatures[next_index]},
    bodies[next_index])
end
LUA

CONTRACTGATE_PORT=$port CONTRACTGATE_DB_URL="jdbc:sqlite:$work/load.db" CHATWORK_BOT_ACCOUNT_ID=${BOT_ACCOUNT_ID-1} \
  CHATWORK_WEBHOOK_TOKENS="$token" CONTRACTGATE_LOG_LEVEL=WARN \
  java -Xmx1g -jar "$jar" serve >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/server.log"; exit 1; }

# Warm the JIT on both paths, then measure.
wrk -t"$threads" -c"$connections" -d5s "http://127.0.0.1:$port/health" >/dev/null
wrk -t"$threads" -c"$connections" -d5s -s "$work/webhook.lua" "http://127.0.0.1:$port/webhooks/chatwork" -- "$work" 0 >/dev/null

echo "== GET /health, $connections connections, ${seconds}s"
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/health" | tee "$work/health.txt"
echo
echo "== POST /webhooks/chatwork (signed, durable insert), $connections connections, ${seconds}s"
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$work/webhook.lua" \
  "http://127.0.0.1:$port/webhooks/chatwork" -- "$work" 100000 | tee "$work/webhook.txt"

stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from inbox_event').fetchone()[0])" "$work/load.db")
summary() { awk -v name="$1" '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} END {printf "%-28s %10s req/s   p99 %s\n", name, rps, p99}' "$2"; }
echo
echo "== summary"
summary "GET /health" "$work/health.txt"
summary "POST /webhooks/chatwork" "$work/webhook.txt"
echo "events stored durably: $stored (warm-up included)"
processed=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from inbox_event where status <> 'pending'\").fetchone()[0])" "$work/load.db")
echo "events processed by the inbox worker meanwhile: $processed"

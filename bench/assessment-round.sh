#!/usr/bin/env bash
# Issue 16's "done means", end to end over HTTP on a fresh Wenming with the demo city (tiny scale: the
# regions, practice sites, casework's units and ~250 assessment places, every type in every county):
#  1. the city office loads the shipped sample framework as a draft and publishes it;
#  2. it creates this month's round (quota 2 per county and place type), one inspection team per county
#     (each with its home county, so the assignment sends it elsewhere: 交叉测评), draws the sample with
#     a recorded seed, checks the draw, assigns and opens it;
#  3. eight inspectors, each on their "phone" (the JSON API the phone page uses), open each of their
#     places' checklist, record every criterion (some met, some not; seeded), send it with an
#     Idempotency-Key (the first place twice: the retry answers the same and stores nothing), close it;
#  4. the city office closes the round; the report ranks the eight counties, as JSON, PDF and XLSX;
#  5. every failed criterion became a rectification case in casework, in its county.
# Checks each count against what the inspectors sent and exits non-zero on any mismatch.
# Usage: bench/assessment-round.sh  (needs curl, psql, python3; KEEP=1 leaves the server running)
set -euo pipefail
[ -n "${DEBUG:-}" ] && set -x
cd "$(dirname "$0")/.."
. bench/lib.sh
DEMO=tiny start_server "${PORT:-18740}" "${PG_PORT:-18741}"
STAFF_PASSWORD="Round-staff-$(date +%s)"
create_city_staff "$ADMIN_PASSWORD" "$STAFF_PASSWORD"
INSPECTOR_PASSWORD="Round-inspector-$(date +%s)"
# eight inspectors, one of each county's civilization office (their accounts are the county's)
COUNTIES=$($SQL -t -A -c "select string_agg(code, ' ' order by code) from region where level = 3 and code like '4412%'")
for county in $COUNTIES; do
  curl -sf -o /dev/null -b "$WORK/admin.jar" -H "X-CSRF-TOKEN: $(csrf "$WORK/admin.jar")" -H 'Content-Type: application/json' \
    -d "{\"username\":\"inspector-$county\",\"displayName\":\"测评员$county\",\"password\":\"$INSPECTOR_PASSWORD\",\"roles\":[\"INSPECTOR\"],\"regionCode\":\"$county\"}" \
    "$BASE/api/v1/admin/users"
  login "$WORK/insp-$county.jar" "inspector-$county" "$INSPECTOR_PASSWORD"
done
for jar in staff $(for c in $COUNTIES; do echo "insp-$c"; done); do
  echo "$jar $(session "$WORK/$jar.jar") $(csrf "$WORK/$jar.jar")"
done > "$WORK/sessions.txt"
export BASE WORK COUNTIES
python3 - <<'PY'
import json, os, random, re, sys, datetime, urllib.request, urllib.error

BASE, WORK = os.environ["BASE"], os.environ["WORK"]
COUNTIES = os.environ["COUNTIES"].split()

def who(jar):
    # the session cookie and CSRF token bash read from curl's cookie jar (sessions.txt)
    for line in open(WORK + "/sessions.txt"):
        name, session, token = line.split()
        if name == jar:
            return session, token
    sys.exit("no session for " + jar)

def call(person, method, path, body=None, key=None, raw=False, expect=(200, 201)):
    session, token = person
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    req.add_header("Cookie", "WENMING_SESSION=" + session)
    req.add_header("X-CSRF-TOKEN", token)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if key:
        req.add_header("Idempotency-Key", key)
    try:
        with urllib.request.urlopen(req) as r:
            payload = r.read()
            status, headers = r.status, r.headers
    except urllib.error.HTTPError as e:
        payload, status, headers = e.read(), e.code, e.headers
    if status not in expect:
        sys.exit("%s %s answered %d: %s" % (method, path, status, payload[:400].decode(errors="replace")))
    if raw:
        return payload, headers
    return json.loads(payload) if payload else None

office = who("staff")
phones = {c: who("insp-" + c) for c in COUNTIES}
today = datetime.date.today()

# 1. the sample framework, as a draft, published
fw = call(office, "POST", "/api/v1/assessment/frameworks/sample?name=" + urllib.request.quote("肇庆市文明城市常态化测评体系（%d年版）" % today.year))
call(office, "POST", "/api/v1/assessment/frameworks/%d/publish" % fw["id"])
view = call(office, "GET", "/api/v1/assessment/frameworks/%d" % fw["id"])
print("framework %d published: %s, version %s, %d items, %d criteria over %d place types" % (fw["id"],
      view["summary"]["name"], view["summary"]["version"], len(view["items"]),
      sum(len(c) for c in view["criteria"].values()), len(view["criteria"])))

# 2. the round: teams by county, drawn with a seed, checked, assigned, opened
name = "%d年%d月模拟测评" % (today.year, today.month)
r = call(office, "POST", "/api/v1/assessment/rounds", {"name": name, "frameworkId": fw["id"],
        "startsOn": str(today - datetime.timedelta(days=1)), "endsOn": str(today + datetime.timedelta(days=10)), "quota": 2})
rid = r["id"]
for c in COUNTIES:
    team = call(office, "POST", "/api/v1/assessment/rounds/%d/teams" % rid, {"name": "测评%s组" % c, "homeCounty": c})
    call(office, "POST", "/api/v1/assessment/rounds/%d/teams/%d/members" % (rid, team["id"]), {"username": "inspector-" + c})
seed = int(today.strftime("%Y%m01"))
call(office, "POST", "/api/v1/assessment/rounds/%d/draw" % rid, {"seed": seed})
check = call(office, "GET", "/api/v1/assessment/rounds/%d/verification" % rid)
if not (check["sampleMatches"] and check["candidatesMatch"]):
    sys.exit("the redraw from the recorded seed does not give the stored sample: " + json.dumps(check))
call(office, "POST", "/api/v1/assessment/rounds/%d/assignment" % rid)
call(office, "POST", "/api/v1/assessment/rounds/%d/open" % rid)
print("round %d (%s): %d places drawn from %d candidates with seed %d, the redraw matches; opened"
      % (rid, name, check["drawn"], check["candidates"], seed))

# 3. the inspectors on their phones
rng = random.Random(seed)
sent = failed = places_done = 0
own_county_places = 0
retried = False
for c, phone in phones.items():
    mine = call(phone, "GET", "/api/v1/assessment/inspect/rounds/%d/places" % rid)
    for p in mine:
        pid = p["placeId"]
        cl = call(phone, "GET", "/api/v1/assessment/inspect/rounds/%d/places/%d/checklist" % (rid, pid))
        if c in cl["place"]["placeRegionPath"].split("."):
            own_county_places += 1
        entries = []
        for item in cl["items"]:
            for cr in item["criteria"]:
                e = {"criterionId": cr["id"]}
                good = rng.random() < 0.8
                if cr["rule"] == "PASS_FAIL":
                    e["passed"] = good
                elif cr["rule"] == "DEDUCTION":
                    e["shortfalls"] = 0 if good else 1
                else:
                    e["counted"] = cr["target"] if good else max(0, cr["target"] - 1)
                if not good:
                    e["note"] = "现场发现问题，已拍照"
                entries.append(e)
        body = {"observedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                "entries": entries}
        key = "round-%d-%d" % (rid, pid)
        first = call(phone, "PUT", "/api/v1/assessment/inspect/rounds/%d/places/%d/observations" % (rid, pid), body, key, raw=True)
        if not retried:
            again = call(phone, "PUT", "/api/v1/assessment/inspect/rounds/%d/places/%d/observations" % (rid, pid), body, key, raw=True)
            assert again[0] == first[0] and again[1]["Idempotent-Replayed"] == "true", "a retry did not answer the same"
            retried = True
        answer = json.loads(first[0])
        failed += sum(1 for e in answer["entries"] if float(e["marks"]) < float(e["fullMarks"]))
        sent += len(entries)
        call(phone, "POST", "/api/v1/assessment/inspect/rounds/%d/places/%d/close" % (rid, pid))
        places_done += 1
print("%d places scored by %d inspectors: %d observations, %d below full marks; places in the inspector's own county: %d"
      % (places_done, len(phones), sent, failed, own_county_places))
if own_county_places:
    sys.exit("an inspector was assigned a place of their own county")

# 4. closed, ranked, reported
call(office, "POST", "/api/v1/assessment/rounds/%d/close" % rid)
scores = call(office, "GET", "/api/v1/assessment/rounds/%d/scores" % rid)
print("city score rate %s %% over %s places; the counties ranked:" % (scores["total"]["rate"], scores["total"]["places"]))
for cty in scores["children"]:
    print("  %d. %s %s %%" % (cty["rank"], cty["name"], cty["rate"]))
if len(scores["children"]) != 8:
    sys.exit("expected the eight counties ranked, got %d" % len(scores["children"]))
pdf, _ = call(office, "GET", "/admin/assessment/rounds/%d/report.pdf" % rid, raw=True)
xlsx, _ = call(office, "GET", "/admin/assessment/rounds/%d/report.xlsx" % rid, raw=True)
assert pdf[:4] == b"%PDF" and xlsx[:2] == b"PK", "the reports are not a PDF and an XLSX"
open(WORK + "/report.pdf", "wb").write(pdf)
print("report: PDF %d bytes, XLSX %d bytes" % (len(pdf), len(xlsx)))
open(WORK + "/expected.txt", "w").write("%d %d %d\n" % (rid, failed, places_done))
PY
read -r ROUND FAILED PLACES < "$WORK/expected.txt"
# 5. the hand-over runs after the round's closing commits (an event): wait for it, then count the cases
for _ in $(seq 1 60); do
  HANDED=$($SQL -t -A -c "select count(*) from assessment_handover where round_id = $ROUND")
  [ "$HANDED" -ge "$FAILED" ] && break
  sleep 1
done
CASES=$($SQL -t -A -c "select count(*) from rectification_case c join assessment_handover h on h.case_id = c.id where h.round_id = $ROUND")
BY_COUNTY=$($SQL -t -A -F' ' -c "select r.name, count(*) from assessment_handover h join rectification_case c on c.id = h.case_id
  join region r on r.code = split_part(c.region_path, '.', 3) where h.round_id = $ROUND group by r.name order by r.name" | tr '\n' ';')
echo "hand-over: $FAILED failed criteria, $HANDED handed over, $CASES rectification cases ($BY_COUNTY)"
[ "$HANDED" = "$FAILED" ] && [ "$CASES" = "$FAILED" ] || { echo "MISMATCH: every failed criterion must be one case"; exit 1; }
echo "done: $PLACES places scored, the eight counties ranked, every failed criterion a case"
if [ -n "${KEEP:-}" ]; then
  echo "the server stays at $BASE (bench-city / $STAFF_PASSWORD); Ctrl-C ends it"
  wait $PID
fi

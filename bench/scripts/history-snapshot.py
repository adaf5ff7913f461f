#!/usr/bin/env python3
"""Every /history answer of a running suite (./miaopu up), through the gateway as city-admin, into one
JSON file: each organization, support structure (and enrollment) and division. Taken before and after
an upgrade whose migrations touch history, the two files must be equal (compare.py-free: `cmp`).

Usage: history-snapshot.py OUT.json   (paced under city-admin's rate limit, RATE per second, default 45)"""
import json, os, subprocess, sys, time, urllib.error, urllib.parse, urllib.request

RATE = float(os.environ.get("RATE", "45"))
GATEWAY = "http://127.0.0.1:8080"

def psql(db, sql):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", db, "-d", db, "-Atc", sql], check=True,
                          capture_output=True, text=True).stdout.split()

def token():
    data = urllib.parse.urlencode({"grant_type": "password", "client_id": "clerk-portal",
                                   "username": "city-admin", "password": "city-admin"}).encode()
    with urllib.request.urlopen("http://127.0.0.1:8180/realms/miaopu/protocol/openid-connect/token", data) as r:
        return json.load(r)["access_token"], time.time()

paths = [f"/api/v1/organizations/{i}/history" for i in psql("registry", "select id from organization order by id")]
for table, route in (("federation", "federations"), ("incubator", "incubators"), ("hub_demonstration", "hub-demonstrations"),
                     ("venue_support", "venue-supports"), ("funding", "fundings")):
    paths += [f"/api/v1/{route}/{i}/history" for i in psql("incubation", f"select id from {table} order by id")]
paths += [f"/api/v1/incubators/{row.split('|')[0]}/enrollments/{row.split('|')[1]}/history"
          for row in psql("incubation", "select incubator_id || '|' || id from enrollment order by id")]
paths += [f"/api/v1/divisions/{c}/history" for c in psql("incubation", "select code from division order by code")]

bearer, taken = token()
answers = {}
started = time.time()
for n, path in enumerate(paths):
    pause = started + n / RATE - time.time()
    if pause > 0:
        time.sleep(pause)
    if time.time() - taken > 200:
        bearer, taken = token()
    for attempt in range(5):
        request = urllib.request.Request(GATEWAY + path, headers={"Authorization": "Bearer " + bearer})
        try:
            with urllib.request.urlopen(request) as r:
                answers[path] = json.load(r)
            break
        except urllib.error.HTTPError as e:
            if e.code not in (429, 503) or attempt == 4:
                sys.exit(f"{path}: HTTP {e.code} {e.read()[:300]!r}")
            time.sleep(float(e.headers.get("Retry-After", "1")))
with open(sys.argv[1], "w") as out:
    json.dump(answers, out, ensure_ascii=False, sort_keys=True, indent=0)
print(f"{len(answers)} history answers, {sum(len(a) for a in answers.values())} entries, in {time.time() - started:.0f} s")

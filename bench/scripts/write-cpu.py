#!/usr/bin/env python3
"""CPU per registration on a running suite (./miaopu up): N registrations through the gateway, one
connection, one at a time, then 3 s for the events to settle; CPU time (user + system, from /proc)
of each service, every PostgreSQL process, Kafka and this client, divided by N.

Paced under the clerk's rate limit (RATE per second, default 15); the suite's idle CPU over the same
time (measured for 10 s first) is subtracted, so the figure is what the registrations cost.

A quick before/after check of the write path between full runs of ./miaopu bench (which measures the
same on a suite of its own, docs/benchmarks/RESULTS.md). Usage: write-cpu.py [N] [community]"""
import http.client, json, os, sys, time, urllib.parse, urllib.request, uuid

N = int(sys.argv[1]) if len(sys.argv) > 1 else 500
RATE = float(os.environ.get("RATE", "15"))
COMMUNITY = sys.argv[2] if len(sys.argv) > 2 else "511102004001"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TICK = os.sysconf("SC_CLK_TCK")

def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / TICK

def processes():
    found = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        for name in ("registry-service", "incubation-service", "training-service", "metrics-service", "gateway"):
            if f"{name}-0.1.0-SNAPSHOT" in cmd or f"{name}/target/quarkus-app" in cmd:
                found.setdefault(name, []).append(pid)
        if cmd.startswith("postgres:") or "/postgresql/15/bin/postgres" in cmd:
            found.setdefault("PostgreSQL", []).append(pid)
        if "kafka.Kafka" in cmd or "kafka-server" in cmd:
            found.setdefault("Kafka", []).append(pid)
    found["client"] = [str(os.getpid())]
    return found

def sample(procs):
    out = {}
    for name, pids in procs.items():
        total = 0.0
        for pid in pids:
            try:
                total += cpu_ms(pid)
            except OSError:
                pass
        out[name] = total
    return out

def token():
    data = urllib.parse.urlencode({"grant_type": "password", "client_id": "clerk-portal",
                                   "username": "clerk-dafo", "password": "clerk-dafo"}).encode()
    with urllib.request.urlopen("http://127.0.0.1:8180/realms/miaopu/protocol/openid-connect/token", data) as r:
        return json.load(r)["access_token"]

def main():
    bearer = token()
    conn = http.client.HTTPConnection("127.0.0.1", 8080)
    procs = processes()
    idle_start = sample(procs)
    time.sleep(10)
    idle_end = sample(procs)
    idle_per_s = {n: (idle_end[n] - idle_start[n]) / 10.0 for n in procs}
    before = sample(procs)
    started = time.time()
    for i in range(N):
        pause = started + i / RATE - time.time()
        if pause > 0:
            time.sleep(pause)
        body = json.dumps({"name": f"写入基准{uuid.uuid4().hex[:10]}舞蹈队", "managementClass": "COMMUNITY_GUIDED",
                           "category": "INTEREST_VOLUNTEER", "communityCode": COMMUNITY, "registeredOn": "2024-03-01"})
        conn.request("POST", "/api/v1/organizations", body, {"Authorization": "Bearer " + bearer,
                                                             "Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        if r.status != 201:
            sys.exit(f"registration {i}: HTTP {r.status}")
    elapsed = time.time() - started
    time.sleep(3)
    after = sample(procs)
    window = time.time() - started
    total = 0.0
    print(f"{N} registrations in {elapsed:.1f} s ({N / elapsed:.0f}/s, one at a time); idle CPU subtracted: "
          + ", ".join(f"{n} {v:.1f} ms/s" for n, v in sorted(idle_per_s.items()) if n != "client"))
    print("process             ms CPU per registration")
    for name in sorted(after, key=lambda n: -(after[n] - before[n])):
        per = (after[name] - before[name] - (0 if name == "client" else idle_per_s[name] * window)) / N
        if name != "client":
            total += per
        print(f"{name:20s}{per:8.2f}")
    print(f"{'suite (no client)':20s}{total:8.2f}")

main()

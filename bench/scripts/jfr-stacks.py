import subprocess, sys, collections, json
# Collapsed stacks of jdk.ExecutionSample only (CPU on Java threads), root first.
out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", "--stack-depth", "96", sys.argv[1]],
                     capture_output=True, text=True).stdout
data = json.loads(out)
stacks = collections.Counter()
for e in data["recording"]["events"]:
    frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
    names = [f'{f["method"]["type"]["name"]}.{f["method"]["name"]}' for f in reversed(frames)]
    stacks[";".join(names)] += 1
with open(sys.argv[2], "w") as f:
    for s, n in stacks.items():
        f.write(f"{s} {n}\n")
print(sum(stacks.values()), "samples")

import os, sys, time, collections, subprocess
pid = sys.argv[1]; secs = float(sys.argv[2])
def snap():
    d = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            comm = open(f"/proc/{pid}/task/{t}/comm").read().strip()
            f = open(f"/proc/{pid}/task/{t}/stat").read().rsplit(")", 1)[1].split()
            d[t] = (comm, int(f[11]) + int(f[12]))
        except OSError:
            pass
    return d
a = snap(); time.sleep(secs); b = snap()
agg = collections.Counter()
for t, (comm, ticks) in b.items():
    base = a.get(t, (comm, 0))[1]
    name = comm.rstrip("0123456789-").rstrip() or comm
    agg[name] += ticks - base
tick = os.sysconf("SC_CLK_TCK")
for name, v in agg.most_common(15):
    print(f"{name:30s} {v * 1000 / tick:8.0f} ms")

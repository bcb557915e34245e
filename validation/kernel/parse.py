#!/usr/bin/env python3
"""Turn the oracle's raw run data into the kernel measurement files and their summary.

usage: parse.py --runs RUNS_DIR --out RESULTS_DIR

RUNS_DIR/<profile>-smp<N>/ holds one boot: data.txt (the guest's ttyS1, framed blocks), host-membench.txt,
profile, smp, memory-mib, source-version, command, measured.  For every plan the boot ran, this writes
RESULTS_DIR/linux-<profile>-<plan>-smp<N>.json (the contract in validation/kernel/README.md) and then
RESULTS_DIR/SUMMARY.md from every JSON file present there.
"""
import argparse
import json
import re
import statistics
import sys
from pathlib import Path

# contract field -> lock class name in /proc/lock_stat and in the lock tracepoints
LOCKS = {
    "zoneLock": "&zone->lock",
    "pcpLock": "&pcp->lock",
    "cmaMutex": "cma_mutex",
    "cmaLock": "&cma->lock",
    "drainMutex": "pcpu_drain_mutex",
    "lruLock": "&lruvec->lru_lock",
}
LOCK_STAT_COLUMNS = ["conBounces", "contentions", "waitMin", "waitMax", "waitTotal", "waitAvg",
                     "acqBounces", "acquisitions", "holdMin", "holdMax", "holdTotal", "holdAvg"]
TRACE_LINE = re.compile(r"^\s*(?P<task>.+?)-(?P<pid>\d+)\s+\[\d+\].*?\s(?P<ts>\d+\.\d+): (?P<event>\w+): (?P<body>.*)$")


def frames(text):
    """The guest's framed blocks, by name, in order."""
    out, name, lines = {}, None, []
    for line in text.replace("\r", "").split("\n"):
        begin = re.match(r"^=====BEGIN (\S+)=====$", line)
        if begin:
            name, lines = begin.group(1), []
        elif name and line == f"=====END {name}=====":
            out[name] = "\n".join(lines)
            name = None
        elif name:
            lines.append(line)
    return out


def section(text, title):
    match = re.search(r"^--- " + re.escape(title) + r"\n(.*?)(?=^--- |\Z)", text, re.S | re.M)
    return match.group(1) if match else ""


def key_values(text):
    pairs = (re.match(r"^(\w+)[=\s]\s*(-?[\d.]+)$", line.strip()) for line in text.split("\n"))
    return {m.group(1): float(m.group(2)) for m in pairs if m}


def lock_stat(text):
    """Per lock class: the 12 /proc/lock_stat columns (times in microseconds)."""
    classes = {}
    for line in text.split("\n"):
        match = re.match(r"^\s*(\S.*?):\s+([\d.\s]+)$", line)
        if match and len(match.group(2).split()) == 12:
            classes[match.group(1).strip()] = dict(zip(LOCK_STAT_COLUMNS, map(float, match.group(2).split())))
    return classes


def trace_events(text):
    return [m.groupdict() for m in map(TRACE_LINE.match, text.split("\n")) if m]


def counted(text, title):
    """'  <count> <words...>' lines under a '--- title' heading -> {words: count}."""
    result = {}
    for line in section(text, title).split("\n"):
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0].isdigit():
            result[parts[1].strip()] = int(parts[0])
    return result


def first_number(text):
    match = re.search(r"^\s*(\d+)\s*$", text, re.M)
    return int(match.group(1)) if match else None


def number(value):
    return int(value) if float(value).is_integer() else round(value, 2)


def allocation(blocks, base, plan, pages, rep):
    result = dict(item.split("=", 1) for item in blocks[base + ".result"].split())
    trace_text = blocks.get(base + ".trace", "")
    events = trace_events(trace_text)
    starts = [e for e in events if e["event"] == "cma_alloc_start"]
    finishes = [e for e in events if e["event"] == "cma_alloc_finish"]
    contig = [e for e in events if e["event"] == "mm_migrate_pages" and "reason=contig_range" in e["body"]]
    field = lambda e, key: int(re.search(key + r"=(\d+)", e["body"]).group(1))
    stats = lock_stat(blocks.get(base + ".lock_stat", ""))
    if "WARNING" in blocks.get(base + ".lock_stat", ""):
        print(f"{base}: lockdep switched itself off; lock counts from here on are not valid", file=sys.stderr)
    before = blocks.get(base + ".before", "")
    vm_before = key_values(section(before, "vmstat"))
    record = {
        "pages": pages,
        "rep": rep,
        "ok": result["rc"] == "0",
        "latencyUs": round((float(finishes[-1]["ts"]) - float(starts[0]["ts"])) * 1e6) if starts and finishes else None,
        "migrated": sum(field(e, "nr_succeeded") for e in contig),
        "busyRetries": first_number(section(trace_text, "busy retries")),
        "pcpDrainedPages": first_number(section(trace_text, "pcp drained pages")),
    }
    for key, name in LOCKS.items():
        s = stats.get(name, {})
        record[key] = {"acquisitions": int(s.get("acquisitions", 0)), "contentions": int(s.get("contentions", 0)),
                       "waitUs": number(s.get("waitTotal", 0)), "holdUs": number(s.get("holdTotal", 0))}
    # additions to the contract: the allocating task's own lock acquisitions (lock tracepoints, PID 1),
    # migration failures, and the free memory the allocation started from
    if "--- task lock acquisitions" in trace_text:
        acquired = counted(trace_text, "task lock acquisitions")
        contended = counted(trace_text, "lock contentions")
        record["taskLocks"] = {key: {"acquisitions": acquired.get(name, 0),
                                     "contentions": contended.get("task " + name, 0),
                                     "otherTasksContentions": contended.get("other " + name, 0)}
                               for key, name in LOCKS.items()}
    record["migrateFailed"] = sum(field(e, "nr_failed") for e in contig)
    record["freePagesBefore"] = int(vm_before.get("nr_free_pages", 0))
    record["freeCmaPagesBefore"] = int(vm_before.get("nr_free_cma", 0))
    return record


def guest_info(meta, smp, memory_mib):
    area = key_values(section(meta, "cma area"))
    name = re.search(r"^name=(\S+)", section(meta, "cma area"), re.M)
    order = re.search(r"Page block order:\s*(\d+)", meta)
    return {"vcpus": int(meta.split("\n")[2].strip() or smp), "memoryMiB": memory_mib,
            "cmaMiB": int(area.get("count", 0)) * 4096 // (1 << 20), "cmaArea": name.group(1) if name else None,
            "pageblockOrder": int(order.group(1)) if order else None, "accel": "tcg"}


def speed(blocks, run):
    guest = key_values(blocks.get("speed", ""))
    host_file = run / "host-membench.txt"
    host = key_values(host_file.read_text()) if host_file.exists() else {}
    if "memset_mib_per_s" not in guest:
        return None
    return {"guestMemsetMiBPerS": guest.get("memset_mib_per_s"), "hostMemsetMiBPerS": host.get("memset_mib_per_s"),
            "guestFaultUsPerPage": guest.get("fault_us_per_page"), "hostFaultUsPerPage": host.get("fault_us_per_page")}


def parse_run(run, out):
    blocks = frames((run / "data.txt").read_text(errors="replace"))
    if "meta" not in blocks:
        print(f"{run}: no guest data (did the kernel boot?)", file=sys.stderr)
        return []
    profile, smp = (run / "profile").read_text().strip(), int((run / "smp").read_text())
    meta = blocks["meta"]
    written = []
    plans = [name[:-5] for name in blocks if name.endswith(".plan")]
    for plan in plans:
        workload = dict(item.split("=", 1) for item in [blocks[plan + ".plan"].split(" ", 1)[1]])["workload"]
        allocations = []
        for name in blocks:
            m = re.match(r"^(.+)\.n(\d+)\.r(\d+)\.result$", name)
            if m and m.group(1) == plan:
                allocations.append(allocation(blocks, name[:-7], plan, int(m.group(2)), int(m.group(3))))
        if not allocations:
            continue
        document = {
            "kernel": {"profile": profile, "release": meta.split("\n")[0].strip(),
                       "source": f"Debian linux-source-{profile} {(run / 'source-version').read_text().strip()}"},
            "guest": guest_info(meta, smp, int((run / "memory-mib").read_text())),
            "plan": {"name": plan, "workload": describe_workload(plan, workload, blocks.get(plan + ".workload", ""))},
            "command": (run / "command").read_text().strip() + " && validation/kernel/oracle parse",
            "measured": (run / "measured").read_text().strip(),
            "speed": speed(blocks, run),
            "allocations": allocations,
        }
        target = out / f"linux-{profile}-{plan}-smp{smp}.json"
        target.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        written.append(target)
    return written


WORKLOADS = {
    "idle": "nothing else running",
    "churn": "churn WORKERS PERCENT CHUNK: workers keep PERCENT % of MemAvailable mapped and in a loop drop "
             "(MADV_DONTNEED) and re-touch random runs of CHUNK pages",
    "dirty-cache": "dirtier DIR PERCENT: 4 MiB files filling PERCENT % of MemAvailable on a tmpfs, overwritten "
                   "64 KiB at a time and every 32nd time truncated and rewritten (dirty, never written back)",
    "pinned": "pinner PERCENT PINS: PERCENT % of MemAvailable mapped and touched, PINS pages spread evenly over it "
              "held by pipe buffers (vmsplice), so they cannot migrate",
}


def describe_workload(plan, command, output):
    said = " ".join(line.strip() for line in output.split("\n") if "ready" in line or "pinned" in line)
    text = f"{command} ({WORKLOADS.get(plan, plan)})" if command != "none" else WORKLOADS["idle"]
    return text + (f"; {said}" if said else "")


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def show(value):
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:.1f}"


SUMMARY_COLUMNS = [
    ("ok", lambda a: 100.0 * a["ok"], "ok %"),
    ("latency", lambda a: a["latencyUs"] / 1000 if a["latencyUs"] is not None else None, "latency ms"),
    ("migrated", lambda a: a["migrated"], "migrated"),
    ("busy", lambda a: a["busyRetries"], "-EBUSY retries"),
    ("drained", lambda a: a["pcpDrainedPages"], "pcp drained"),
    ("zone", lambda a: a["zoneLock"]["acquisitions"], "zone->lock acq"),
    ("zonecon", lambda a: a["zoneLock"]["contentions"], "zone->lock con"),
    ("pcp", lambda a: a["pcpLock"]["acquisitions"], "pcp->lock acq"),
    ("cmamutex", lambda a: a["cmaMutex"]["acquisitions"], "cma_mutex acq"),
    ("cmalock", lambda a: a["cmaLock"]["acquisitions"], "cma->lock acq"),
    ("drain", lambda a: a["drainMutex"]["acquisitions"], "drain mutex acq"),
    ("lrucon", lambda a: a["lruLock"]["contentions"], "lru_lock con"),
    ("taskzone", lambda a: a.get("taskLocks", {}).get("zoneLock", {}).get("acquisitions"), "task zone->lock"),
    ("taskpcp", lambda a: a.get("taskLocks", {}).get("pcpLock", {}).get("acquisitions"), "task pcp->lock"),
]
PLAN_ORDER = ["idle", "churn", "dirty-cache", "pinned"]


def summary(out):
    documents = [json.loads(p.read_text()) for p in sorted(out.glob("linux-*-smp*.json"))]
    lines = ["# Kernel oracle: medians per plan and size",
             "",
             "Generated by `validation/kernel/oracle parse` from the JSON files in this directory. Each cell is the",
             "median over the repetitions (rep 1 included: it is the one that migrates most under load). Lock figures",
             "are system-wide `/proc/lock_stat` acquisitions during the single debugfs write; `task` columns are the",
             "allocating task's own acquisitions from the lock tracepoints.",
             ""]
    for profile in sorted({d["kernel"]["profile"] for d in documents}, key=lambda p: [int(x) for x in p.split(".")]):
        docs = [d for d in documents if d["kernel"]["profile"] == profile]
        lines += [f"## Linux {profile} ({docs[0]['kernel']['release']}, {docs[0]['kernel']['source']})", ""]
        lines.append("| plan | vCPUs | pages | reps | " + " | ".join(c[2] for c in SUMMARY_COLUMNS) + " |")
        lines.append("|---|---:|---:|---:|" + "---:|" * len(SUMMARY_COLUMNS))
        docs.sort(key=lambda d: (PLAN_ORDER.index(d["plan"]["name"]) if d["plan"]["name"] in PLAN_ORDER else 9,
                                 d["guest"]["vcpus"]))
        for d in docs:
            for pages in sorted({a["pages"] for a in d["allocations"]}):
                group = [a for a in d["allocations"] if a["pages"] == pages]
                cells = [show(median([get(a) for a in group])) for _, get, _ in SUMMARY_COLUMNS]
                lines.append(f"| {d['plan']['name']} | {d['guest']['vcpus']} | {pages} | {len(group)} | "
                             + " | ".join(cells) + " |")
        lines.append("")
        lines.append("Speed (TCG guest vs host, memset MiB/s and first-touch µs per page):")
        lines.append("")
        for d in docs:
            if d["plan"]["name"] == "idle" and d["speed"]:
                s = d["speed"]
                lines.append(f"- {d['guest']['vcpus']} vCPUs: memset {show(s['guestMemsetMiBPerS'])} vs "
                             f"{show(s['hostMemsetMiBPerS'])} MiB/s; fault {show(s['guestFaultUsPerPage'])} vs "
                             f"{show(s['hostFaultUsPerPage'])} µs/page")
        lines.append("")
    (out / "SUMMARY.md").write_text("\n".join(lines), encoding="utf-8")


def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--runs", type=Path, required=True)
    args.add_argument("--out", type=Path, required=True)
    ns = args.parse_args()
    ns.out.mkdir(parents=True, exist_ok=True)
    for run in sorted(p for p in ns.runs.glob("*-smp*") if (p / "data.txt").exists()):
        for path in parse_run(run, ns.out):
            print(f"wrote {path}")
    summary(ns.out)
    print(f"wrote {ns.out / 'SUMMARY.md'}")


if __name__ == "__main__":
    main()

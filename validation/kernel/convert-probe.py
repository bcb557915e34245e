#!/usr/bin/env python3
"""Convert the kernel-oracle probe's per-run summary.json (parse.py output) into the measurement files
validation/kernel/results/linux-<profile>-<plan>-smp<N>.json that `cma-actors validate` reads.

usage: convert-probe.py PROBE_RESULTS RUN SMP [OUTDIR]
  PROBE_RESULTS  the probe's results folder (holds RUN/summary.json and SUMMARY.md), e.g. sample-results
  RUN            the run's folder name, e.g. smp2-1G
  SMP            the run's vCPU count
  OUTDIR         where to write (default validation/kernel/results)

The probe booted Debian's linux-source-6.1 (6.1.192-3) under QEMU TCG with -m 1G and cma=256M and ran
`./run.sh matrix`. Per allocation its lock figures are /proc/lock_stat cleared just before and read just after the
debugfs alloc write (system-wide, the probe's final harness); pcp pages drained are mm_page_pcpu_drain events of the
allocating task. The guest's speed is its membench with lock_stat on; the host's was not kept with the sample."""
import json, os, re, sys

PLANS = {
    'idle': 'nothing else running; cma_alloc via /sys/kernel/debug/cma/reserved/alloc of 1, 64, 512, 1024, 8192 pages, '
            '2 repetitions each, each freed right after',
    'churn': "`churn 4 75 0 32`: 4 processes keep 75% of MemAvailable mapped and MADV_DONTNEED + re-touch random "
             "32-page chunks; cma_alloc of 1, 64, 512, 1024, 8192 pages, 3 repetitions each, each freed right after",
}
LOCKS = [('zoneLock', 'zone'), ('pcpLock', 'pcp'), ('cmaMutex', 'cma_mutex'), ('cmaLock', 'cma_lock'),
         ('drainMutex', 'drain_mutex'), ('lruLock', 'lru')]


def lock(row, key):
    return {'acquisitions': row[key + '_acq'], 'contentions': row[key + '_con'],
            'waitUs': row[key + '_wait_us'], 'holdUs': row[key + '_hold_us']}


def allocation(row):
    a = {'pages': row['pages'], 'rep': row['rep'], 'ok': row['rc'] == 0, 'latencyUs': row['trace_latency_us'],
         'migrated': row['migrated'], 'busyRetries': row['busy_retries'],
         'pcpDrainedPages': row['pcp_drain_pages_pid1']}
    for name, key in LOCKS:
        a[name] = lock(row, key)
    return a


def guest_speed(summary_md, run):
    """membench with lock_stat on (bench.lockstat1) of RUN in the probe's SUMMARY.md, or None."""
    if not os.path.exists(summary_md):
        return None
    text = open(summary_md).read()
    m = re.search(r'^### ' + re.escape(run) + r'\n(.*?)(?=^### |\Z)', text, re.S | re.M)
    b = m and re.search(r'## bench\.lockstat1\.membench\n(.*?)(?=\n## |\Z)', m.group(1), re.S)
    if not b:
        return None
    present = [float(s) for s in re.findall(r'memset (\d+) MiB \(pages present\): ([\d.]+) s', b.group(1)) for s in [s[1]]]
    size = int(re.search(r'memset (\d+) MiB', b.group(1)).group(1))
    fault = re.search(r'fault-in \d+ pages: [\d.]+ s = (\d+) ns/page', b.group(1))
    return {'guestMemsetMiBPerS': round(size / (sum(present) / len(present)), 1),
            'hostMemsetMiBPerS': None,
            'guestFaultUsPerPage': round(int(fault.group(1)) / 1000, 2),
            'hostFaultUsPerPage': None}


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    root, run, smp = sys.argv[1], sys.argv[2], int(sys.argv[3])
    out = sys.argv[4] if len(sys.argv) > 4 else 'validation/kernel/results'
    rows = json.load(open(os.path.join(root, run, 'summary.json')))
    speed = guest_speed(os.path.join(root, 'SUMMARY.md'), run)
    os.makedirs(out, exist_ok=True)
    for plan, workload in PLANS.items():
        doc = {
            'kernel': {'profile': '6.1', 'release': '6.1.192',
                       'source': 'Debian linux-source-6.1 6.1.192-3, tinyconfig + the probe\'s oracle.fragment; '
                                 'measured by the kernel-oracle feasibility probe (run ' + run + '), not yet by '
                                 'validation/kernel\'s own oracle'},
            'guest': {'vcpus': smp, 'memoryMiB': 1024, 'cmaMiB': 256, 'cmaArea': 'reserved', 'pageblockOrder': 9,
                      'accel': 'tcg'},
            'plan': {'name': plan, 'workload': workload},
            'command': './run.sh matrix (kernel-oracle probe: build.sh, run.sh, parse.py), then '
                       'python3 validation/kernel/convert-probe.py sample-results ' + run + ' ' + str(smp),
            'measured': 'before 2026-12-05 (the probe\'s sample results; the exact UTC date was not recorded)',
            'speed': speed,
            'allocations': [allocation(r) for r in rows if r['phase'] == plan],
        }
        path = os.path.join(out, 'linux-6.1-%s-smp%d.json' % (plan, smp))
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(doc, f, indent=2)
            f.write('\n')
        print('wrote', path, len(doc['allocations']), 'allocations')


if __name__ == '__main__':
    main()

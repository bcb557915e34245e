/* membench: the TCG speed probe.  Times memset over MIB MiB (REPS passes, pages already present) and the
 * first-touch fault of every page after MADV_DONTNEED.  Output is key=value lines, read by parse.py:
 *   memset_mib_per_s=<best pass>  fault_us_per_page=<first touch>
 * usage: membench MIB REPS */
#define _GNU_SOURCE
#include <sys/mman.h>
#include "common.h"

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 512;
	int reps = argc > 2 ? atoi(argv[2]) : 3;
	size_t size = mib << 20;
	if (mib == 0 || reps < 1) {
		fprintf(stderr, "usage: membench MIB REPS\n");
		return 2;
	}
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("membench: mmap");
		return 1;
	}
	madvise(p, size, MADV_NOHUGEPAGE); /* base pages, as the workloads use */
	memset(p, 0, size);                /* fault everything in first */
	double best = 0;
	for (int r = 0; r < reps; r++) {
		double t0 = mono_s();
		memset(p, r + 1, size);
		double rate = mib / (mono_s() - t0);
		printf("memset_pass_%d_mib_per_s=%.1f\n", r + 1, rate);
		if (rate > best)
			best = rate;
	}
	if (madvise(p, size, MADV_DONTNEED)) {
		perror("membench: madvise(MADV_DONTNEED)");
		return 1;
	}
	double t0 = mono_s();
	for (size_t off = 0; off < size; off += PAGE)
		p[off] = 1;
	double fault_s = mono_s() - t0;
	printf("memset_mib_per_s=%.1f\n", best);
	printf("fault_us_per_page=%.3f\n", fault_s * 1e6 / (size / PAGE));
	return 0;
}

/* Small helpers shared by the oracle's guest workloads (static binaries run from the initramfs). */
#ifndef ORACLE_COMMON_H
#define ORACLE_COMMON_H
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL

static inline double mono_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* One field of /proc/meminfo in kB, or -1. */
static inline long meminfo_kb(const char *key)
{
	char line[256];
	long v = -1;
	size_t n = strlen(key);
	FILE *f = fopen("/proc/meminfo", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, key, n) && line[n] == ':') {
			v = atol(line + n + 1);
			break;
		}
	fclose(f);
	return v;
}

/* Bytes that are PERCENT % of MemAvailable, rounded down to whole pages. */
static inline size_t share_of_available(int percent)
{
	long kb = meminfo_kb("MemAvailable");
	if (kb <= 0)
		return 0;
	return ((size_t)kb * 1024 / 100 * (size_t)percent) & ~(PAGE - 1);
}

/* Create FILE once the workload holds its memory: the guest init waits for it. */
static inline void announce_ready(const char *file)
{
	if (!file)
		return;
	int fd = open(file, O_CREAT | O_WRONLY, 0644);
	if (fd >= 0)
		close(fd);
}
#endif

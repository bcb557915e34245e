/* dirtier: page cache that is dirty and keeps changing.
 * Fills DIR (a tmpfs) with 4 MiB files up to PERCENT % of MemAvailable, then loops until SIGTERM:
 * overwrite a random 64 KiB of a random file (its pages stay dirty), and every 32nd time truncate a random
 * file and write it again (1024 page-cache pages freed and allocated).  tmpfs pages are movable and migrate
 * like anonymous ones; there is no block device, so nothing is ever written back: this is dirty cache
 * without writeback.
 * usage: dirtier DIR PERCENT [READYFILE] */
#define _GNU_SOURCE
#include <signal.h>
#include "common.h"

#define FILE_BYTES (4UL << 20)
#define BLOCK (64UL << 10)

static volatile sig_atomic_t stopping;
static void stop(int sig) { (void)sig; stopping = 1; }

static int write_all(int fd, const char *buf, size_t len, off_t at)
{
	while (len) {
		ssize_t n = pwrite(fd, buf, len, at);
		if (n <= 0)
			return -1;
		buf += n, len -= (size_t)n, at += n;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: dirtier DIR PERCENT [READYFILE]\n");
		return 2;
	}
	int percent = atoi(argv[2]);
	size_t nfiles = share_of_available(percent) / FILE_BYTES;
	if (percent < 1 || percent > 95 || nfiles < 1 || nfiles > 1024) {
		fprintf(stderr, "dirtier: bad arguments\n");
		return 2;
	}
	static char block[BLOCK];
	static int fds[1024];
	memset(block, 0x5a, sizeof block);
	signal(SIGTERM, stop);
	for (size_t i = 0; i < nfiles; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/dirty.%zu", argv[1], i);
		fds[i] = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
		if (fds[i] < 0) {
			perror("dirtier: open");
			return 1;
		}
		for (off_t at = 0; at < (off_t)FILE_BYTES; at += BLOCK)
			if (write_all(fds[i], block, BLOCK, at)) {
				perror("dirtier: write");
				return 1;
			}
	}
	printf("dirtier: %zu files x 4 MiB in %s; MemFree %ld kB, CmaFree %ld kB, Shmem %ld kB\n", nfiles, argv[1],
	       meminfo_kb("MemFree"), meminfo_kb("CmaFree"), meminfo_kb("Shmem"));
	fflush(stdout);
	announce_ready(argc > 3 ? argv[3] : NULL);
	unsigned long long rnd = 0xD1B54A32D192ED03ull, writes = 0, rewrites = 0;
	while (!stopping) {
		rnd ^= rnd << 13; rnd ^= rnd >> 7; rnd ^= rnd << 17;
		int fd = fds[rnd % nfiles];
		if (++writes % 32 == 0) {
			if (ftruncate(fd, 0))
				return 1;
			for (off_t at = 0; at < (off_t)FILE_BYTES; at += BLOCK)
				if (write_all(fd, block, BLOCK, at))
					return 1;
			rewrites++;
		} else if (write_all(fd, block, BLOCK, (off_t)((rnd >> 20) % (FILE_BYTES / BLOCK)) * BLOCK)) {
			return 1;
		}
	}
	printf("dirtier: %llu block writes, %llu whole-file rewrites\n", writes, rewrites);
	return 0;
}

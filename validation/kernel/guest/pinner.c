/* pinner: pages the CMA allocator cannot migrate.
 * Maps PERCENT % of MemAvailable, touches every page (so, with free memory low, part of it comes from the
 * CMA area), then takes an extra reference on PINS pages spread evenly over the mapping by vmsplice()ing
 * each one into a pipe.  A page held by a pipe buffer has a raised refcount, so migrate_pages() fails on it
 * and alloc_contig_range() returns -EBUSY for any range that contains it (cma_alloc then retries further
 * on: the cma_alloc_busy_retry tracepoint).  FOLL_LONGTERM pins (io_uring buffers, RDMA) would instead move
 * the page out of CMA before pinning, and O_DIRECT needs a block device, which this guest does not have.
 * With BASE_PFN and COUNT (the CMA area), reads /proc/self/pagemap and prints how many pinned pages lie in it.
 * Holds everything until SIGTERM.
 * usage: pinner PERCENT PINS [READYFILE [BASE_PFN COUNT]] */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include "common.h"

#define PAGES_PER_PIPE 256 /* 1 MiB pipes: the default pipe-max-size */

static volatile sig_atomic_t stopping;
static void stop(int sig) { (void)sig; stopping = 1; }

/* Physical frame of the page at ADDR, or 0 when unknown. */
static uint64_t pfn_of(int pagemap, const void *addr)
{
	uint64_t entry;
	off_t at = (off_t)((uintptr_t)addr / PAGE) * 8;
	if (pagemap < 0 || pread(pagemap, &entry, 8, at) != 8 || !(entry >> 63))
		return 0;
	return entry & ((1ULL << 55) - 1);
}

/* A pipe that can hold PAGES_PER_PIPE page references, or -1. */
static int new_pipe(void)
{
	int fds[2];
	if (pipe2(fds, O_NONBLOCK))
		return -1;
	fcntl(fds[1], F_SETPIPE_SZ, PAGES_PER_PIPE * PAGE);
	return fds[1];
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: pinner PERCENT PINS [READYFILE [BASE_PFN COUNT]]\n");
		return 2;
	}
	int percent = atoi(argv[1]);
	long pins = atol(argv[2]);
	uint64_t base = argc > 5 ? strtoull(argv[4], NULL, 0) : 0, count = argc > 5 ? strtoull(argv[5], NULL, 0) : 0;
	size_t bytes = share_of_available(percent), pages = bytes / PAGE;
	if (percent < 1 || percent > 95 || pins < 1 || (size_t)pins > pages) {
		fprintf(stderr, "pinner: bad arguments\n");
		return 2;
	}
	signal(SIGTERM, stop);
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("pinner: mmap");
		return 1;
	}
	madvise(p, bytes, MADV_NOHUGEPAGE);
	for (size_t off = 0; off < bytes; off += PAGE)
		p[off] = 1;
	int pagemap = open("/proc/self/pagemap", O_RDONLY);
	size_t stride = pages / (size_t)pins;
	long pinned = 0, in_cma = 0;
	int pipe_fd = -1;
	for (long i = 0; i < pins; i++) {
		char *page = p + (size_t)i * stride * PAGE;
		struct iovec iov = { .iov_base = page, .iov_len = PAGE };
		if (pipe_fd < 0 || vmsplice(pipe_fd, &iov, 1, SPLICE_F_NONBLOCK) != (ssize_t)PAGE) {
			if (pipe_fd >= 0 && errno != EAGAIN) {
				perror("pinner: vmsplice");
				return 1;
			}
			pipe_fd = new_pipe();
			if (pipe_fd < 0 || vmsplice(pipe_fd, &iov, 1, SPLICE_F_NONBLOCK) != (ssize_t)PAGE) {
				perror("pinner: vmsplice");
				return 1;
			}
		}
		pinned++;
		uint64_t pfn = pfn_of(pagemap, page);
		if (count && pfn >= base && pfn < base + count)
			in_cma++;
	}
	printf("pinner: %zu MiB mapped, %ld pages pinned (one every %zu pages), %ld of them in the CMA area\n",
	       bytes >> 20, pinned, stride, in_cma);
	printf("pinner: ready, MemFree %ld kB, CmaFree %ld kB\n", meminfo_kb("MemFree"), meminfo_kb("CmaFree"));
	fflush(stdout);
	announce_ready(argc > 3 ? argv[3] : NULL);
	while (!stopping)
		pause();
	return 0;
}

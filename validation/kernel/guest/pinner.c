/* pinner: pages the CMA allocator cannot migrate.
 * Maps PERCENT % of MemAvailable, touches every page (so, with free memory low, part of it comes from the
 * CMA area), then takes an extra reference on PINS of its pages by vmsplice()ing each one into a pipe: the
 * PINS pages with the lowest frame numbers inside the CMA area (BASE_PFN, COUNT; found through
 * /proc/self/pagemap), where cma_alloc's first-fit search meets them; without the area, PINS pages spread
 * evenly over the mapping.  A page held by a pipe buffer has a raised refcount, so migrate_pages() fails on it
 * and alloc_contig_range() returns -EBUSY for any range that contains it (cma_alloc then retries further
 * on: the cma_alloc_busy_retry tracepoint).  FOLL_LONGTERM pins (io_uring buffers, RDMA) would instead move
 * the page out of CMA before pinning, and O_DIRECT needs a block device, which this guest does not have.
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

struct frame {
	uint64_t pfn;
	char *addr;
};

static int by_pfn(const void *a, const void *b)
{
	uint64_t x = ((const struct frame *)a)->pfn, y = ((const struct frame *)b)->pfn;
	return x < y ? -1 : x > y;
}

/* The pages of [p, p + pages) to pin: the PINS lowest frames inside [base, base + count), or, without an
 * area (count 0), PINS pages spread evenly.  Returns how many were chosen. */
static long choose(char *p, size_t pages, long pins, uint64_t base, uint64_t count, char **chosen)
{
	if (!count) {
		for (long i = 0; i < pins; i++)
			chosen[i] = p + (size_t)i * (pages / (size_t)pins) * PAGE;
		return pins;
	}
	int pagemap = open("/proc/self/pagemap", O_RDONLY);
	struct frame *in_area = malloc(sizeof *in_area * (count + 1));
	long n = 0;
	for (size_t i = 0; i < pages && in_area && (uint64_t)n < count; i++) {
		uint64_t pfn = pfn_of(pagemap, p + i * PAGE);
		if (pfn >= base && pfn < base + count)
			in_area[n++] = (struct frame){ pfn, p + i * PAGE };
	}
	qsort(in_area, (size_t)n, sizeof *in_area, by_pfn);
	long take = n < pins ? n : pins;
	for (long i = 0; i < take; i++)
		chosen[i] = in_area[i].addr;
	if (take)
		printf("pinner: pinned frames 0x%llx..0x%llx (area offsets %llu..%llu)\n",
		       (unsigned long long)in_area[0].pfn, (unsigned long long)in_area[take - 1].pfn,
		       (unsigned long long)(in_area[0].pfn - base), (unsigned long long)(in_area[take - 1].pfn - base));
	printf("pinner: %ld of its pages lie in the CMA area\n", n);
	free(in_area);
	close(pagemap);
	return take;
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
	char **chosen = calloc((size_t)pins, sizeof *chosen);
	if (!chosen)
		return 1;
	long pinned = 0, want = choose(p, pages, pins, base, count, chosen);
	int pipe_fd = -1;
	for (long i = 0; i < want; i++) {
		struct iovec iov = { .iov_base = chosen[i], .iov_len = PAGE };
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
	}
	printf("pinner: %zu MiB mapped, %ld pages pinned\n", bytes >> 20, pinned);
	printf("pinner: ready, MemFree %ld kB, CmaFree %ld kB\n", meminfo_kb("MemFree"), meminfo_kb("CmaFree"));
	fflush(stdout);
	announce_ready(argc > 3 ? argv[3] : NULL);
	while (!stopping)
		pause();
	return 0;
}

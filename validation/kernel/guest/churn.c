/* churn: keeps free memory low and the page allocator busy.
 * WORKERS processes together map PERCENT % of MemAvailable, touch every page, then loop until SIGTERM:
 * drop a random run of CHUNK pages with MADV_DONTNEED (back to the buddy allocator) and touch it again
 * (allocated again, possibly from the CMA area).  Nothing is pinned, so every page stays migratable.
 * usage: churn WORKERS PERCENT CHUNK [READYFILE] */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "common.h"

static volatile sig_atomic_t stopping;
static pid_t workers[64];
static int nworkers;

static void stop_worker(int sig) { (void)sig; stopping = 1; }
static void stop_all(int sig)
{
	(void)sig;
	for (int i = 0; i < nworkers; i++)
		kill(workers[i], SIGTERM);
}

static void work(size_t bytes, long chunk, int ready_fd, int id)
{
	size_t pages = bytes / PAGE;
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("churn: mmap");
		_exit(1);
	}
	for (size_t off = 0; off < bytes; off += PAGE)
		p[off] = 1;
	if (write(ready_fd, "r", 1) != 1)
		_exit(1);
	unsigned long long rnd = 0x9E3779B97F4A7C15ull ^ (unsigned long long)getpid(), touched = 0;
	double t0 = mono_s();
	while (!stopping) {
		rnd ^= rnd << 13; rnd ^= rnd >> 7; rnd ^= rnd << 17;
		char *run = p + (rnd % (pages - chunk + 1)) * PAGE;
		if (madvise(run, chunk * PAGE, MADV_DONTNEED)) {
			perror("churn: madvise(MADV_DONTNEED)");
			_exit(1);
		}
		for (long i = 0; i < chunk; i++)
			run[i * PAGE] = (char)i;
		touched += chunk;
	}
	printf("churn worker %d: %llu pages re-touched, %.0f pages/s\n", id, touched, touched / (mono_s() - t0));
	_exit(0);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: churn WORKERS PERCENT CHUNK [READYFILE]\n");
		return 2;
	}
	int n = atoi(argv[1]), percent = atoi(argv[2]);
	long chunk = atol(argv[3]);
	size_t each = share_of_available(percent) / (n > 0 ? n : 1) & ~(PAGE - 1);
	if (n < 1 || n > 64 || percent < 1 || percent > 95 || chunk < 1 || each / PAGE < (size_t)chunk) {
		fprintf(stderr, "churn: bad arguments\n");
		return 2;
	}
	printf("churn: %d workers x %zu MiB, chunk %ld pages\n", n, each >> 20, chunk);
	fflush(stdout);
	int fds[2];
	if (pipe(fds))
		return 1;
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			signal(SIGTERM, stop_worker);
			close(fds[0]);
			work(each, chunk, fds[1], i);
		}
		if (pid < 0)
			return 1;
		workers[nworkers++] = pid;
	}
	close(fds[1]);
	signal(SIGTERM, stop_all);
	char c;
	for (int ready = 0; ready < n;) {
		ssize_t r = read(fds[0], &c, 1);
		if (r == 1)
			ready++;
		else if (r == 0 || errno != EINTR)
			break;
	}
	printf("churn: ready, MemFree %ld kB, CmaFree %ld kB\n", meminfo_kb("MemFree"), meminfo_kb("CmaFree"));
	fflush(stdout);
	announce_ready(argc > 4 ? argv[4] : NULL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return 0;
}

namespace CmaActors.Emulator.Stats;

/// <summary>
/// cma_alloc latencies by request size: successful calls in one histogram, failed ones in another; and, for drivers
/// whose requests are several calls (a camera shot), the latency of whole requests. Several drivers of one area record
/// at once in parallel mode, so recording takes a lock.
/// </summary>
public sealed class CmaLatencyRecorder
{
    private readonly object _gate = new();
    private readonly SortedDictionary<int, SizeLatencies> _bySize = [];
    private readonly SortedDictionary<int, SizeLatencies> _requests = [];
    private LatencyHistogram _window = new();
    private long _windowOk;
    private long _windowFailed;

    /// <summary>Single calls by size, ascending.</summary>
    public IReadOnlyDictionary<int, SizeLatencies> BySize => _bySize;

    /// <summary>Multi-call requests by total size, ascending.</summary>
    public IReadOnlyDictionary<int, SizeLatencies> Requests => _requests;

    /// <summary>Records one finished cma_alloc call.</summary>
    public void RecordCall(int pages, long latencyNs, bool succeeded, int busyRetries)
    {
        lock (_gate)
        {
            var entry = Entry(_bySize, pages);
            (succeeded ? entry.Success : entry.Failure).Record(latencyNs);
            entry.BusyRetries += busyRetries;
            if (succeeded)
            {
                _windowOk++;
                _window.Record(latencyNs);
            }
            else
            {
                _windowFailed++;
            }
        }
    }

    /// <summary>The calls since the previous window (successful ones' latencies in its histogram), and a new window.</summary>
    public CallWindow TakeWindow()
    {
        lock (_gate)
        {
            var window = new CallWindow(_windowOk, _windowFailed, _window);
            _window = new LatencyHistogram();
            _windowOk = 0;
            _windowFailed = 0;
            return window;
        }
    }

    /// <summary>Records one finished multi-call request.</summary>
    public void RecordRequest(int pages, long latencyNs, bool succeeded)
    {
        lock (_gate)
        {
            var entry = Entry(_requests, pages);
            (succeeded ? entry.Success : entry.Failure).Record(latencyNs);
        }
    }

    private static SizeLatencies Entry(SortedDictionary<int, SizeLatencies> table, int pages)
    {
        if (!table.TryGetValue(pages, out var entry))
            table.Add(pages, entry = new SizeLatencies(pages));
        return entry;
    }
}

/// <summary>cma_alloc() calls of one report interval: how many succeeded and failed, and the successful ones' latencies.</summary>
public sealed record CallWindow(long Ok, long Failed, LatencyHistogram Latency);

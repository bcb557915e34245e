using BenchmarkDotNet.Attributes;
using CmaActors.Emulator.Workloads;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// The page lifetimes of one churn process in the default scenario's steady state: every 500 µs tick it frees the
/// pages whose lifetime ended and queues as many new ones (32 a tick while it fills), each living 200 ms to 60 s.
/// The radix heap the workloads use (<see cref="DeadlineQueue{T}"/>) against .NET's <see cref="PriorityQueue{TElement,TPriority}"/>,
/// which they used before; one operation is 1,000 ticks.
/// </summary>
[MemoryDiagnoser]
public class DeadlineQueueBenchmarks
{
    private const long TickNs = 500_000;
    private const int Ticks = 1_000;

    private readonly List<(int Slot, int Generation)> _due = [];
    private DeadlineQueue<(int Slot, int Generation)> _radix = null!;
    private PriorityQueue<(int Slot, int Generation), long> _heap = null!;
    // Each queue keeps its own clock and generator: BenchmarkDotNet runs each benchmark in a process of its own.
    private (long Now, Random Random) _radixClock;
    private (long Now, Random Random) _heapClock;
    private int _generation;

    /// <summary>Pages the process holds.</summary>
    [Params(60_000)]
    public int LivePages { get; set; }

    /// <summary>Fills both queues to the steady state and runs them for a minute of virtual time.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _radix = new DeadlineQueue<(int, int)>();
        _heap = new PriorityQueue<(int, int), long>();
        _radixClock = (0, new Random(1));
        _heapClock = (0, new Random(1));
        for (var i = 0; i < 120_000 / Ticks; i++)
        {
            Radix();
            Heap();
        }
    }

    /// <summary>The radix heap.</summary>
    [Benchmark]
    public int Radix()
    {
        var freed = 0;
        for (var tick = 0; tick < Ticks; tick++)
        {
            var now = _radixClock.Now += TickNs;
            _due.Clear();
            _radix.TakeDue(now, _due);
            freed += _due.Count;
            for (var i = Refill(_radix.Count, _due.Count); i > 0; i--)
                _radix.Enqueue((i, _generation++), Lifetime(_radixClock));
        }

        return freed;
    }

    /// <summary>The array heap, popped while its head is due.</summary>
    [Benchmark(Baseline = true)]
    public int Heap()
    {
        var freed = 0;
        for (var tick = 0; tick < Ticks; tick++)
        {
            var now = _heapClock.Now += TickNs;
            _due.Clear();
            while (_heap.TryPeek(out _, out var expiry) && expiry <= now)
                _due.Add(_heap.Dequeue());
            freed += _due.Count;
            for (var i = Refill(_heap.Count, _due.Count); i > 0; i--)
                _heap.Enqueue((i, _generation++), Lifetime(_heapClock));
        }

        return freed;
    }

    private int Refill(int live, int freed) => live < LivePages ? 32 : freed;

    private static long Lifetime((long Now, Random Random) clock) => clock.Now + (long)((200 + 59_800 * clock.Random.NextDouble()) * 1e6);
}

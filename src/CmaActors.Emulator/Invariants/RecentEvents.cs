using CmaActors.Runtime;

namespace CmaActors.Emulator.Invariants;

/// <summary>
/// The last N deliveries (a ring), kept cheaply and formatted only when a report needs them. In parallel mode several
/// threads record at once: each takes its own slot; read the ring only while no handler runs.
/// </summary>
public sealed class RecentEvents(int capacity, EmulatorRuntime runtime) : IDeliveryObserver
{
    private readonly DeliveryEvent[] _ring = new DeliveryEvent[capacity];
    private long _count;

    /// <inheritdoc />
    public void OnSend(in SendEvent e)
    {
    }

    /// <inheritdoc />
    public void OnDeliveryStart(in DeliveryEvent e) => _ring[(Interlocked.Increment(ref _count) - 1) % _ring.Length] = e;

    /// <inheritdoc />
    public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
    {
    }

    /// <summary>The kept deliveries, oldest first, as report lines.</summary>
    public IReadOnlyList<RecentEvent> Snapshot()
    {
        var count = Interlocked.Read(ref _count);
        var n = (int)Math.Min(count, _ring.Length);
        var list = new List<RecentEvent>(n);
        for (var i = count - n; i < count; i++)
        {
            var e = _ring[i % _ring.Length];
            list.Add(new RecentEvent(e.Step, e.StartNs, Name(e.From), Name(e.To), e.Message.ToString() ?? e.Message.GetType().Name));
        }

        return list;
    }

    private string Name(ActorId id) => id == ActorId.External ? "(outside)" : runtime.NameOf(id);
}

/// <summary>One delivery in a violation report.</summary>
public sealed record RecentEvent(long Step, long VirtualTimeNs, string From, string To, string Message);

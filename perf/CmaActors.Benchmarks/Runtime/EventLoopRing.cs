namespace CmaActors.Benchmarks.Runtime;

/// <summary>
/// The ring of <see cref="SimulatedRing"/> in the least a deterministic discrete-event loop can do with the same timing:
/// plain objects with a handler method and one priority queue of (virtual time, sequence, target, message); a send
/// arrives after a constant latency, a member handles one token at a time from max(arrival, free) and spends a fixed cost.
/// Single-threaded; allocates nothing per delivery once the queue has grown.
/// </summary>
public sealed class EventLoopRing
{
    private readonly PriorityQueue<Event, EventKey> _queue = new();
    private readonly Member[] _members;
    private readonly Token[] _tokens;
    private long _nowNs;
    private long _seq;

    /// <summary>A ring of <paramref name="actors"/> members with <paramref name="tokens"/> tokens to pass.</summary>
    public EventLoopRing(int actors, int tokens)
    {
        _members = new Member[actors];
        for (var i = 0; i < actors; i++) _members[i] = new Member();
        for (var i = 0; i < actors; i++) _members[i].Next = _members[(i + 1) % actors];
        _tokens = new Token[tokens];
        for (var t = 0; t < tokens; t++) _tokens[t] = new Token();
    }

    /// <summary>Deliveries run so far.</summary>
    public long Deliveries { get; private set; }

    /// <summary>Sends every token round the ring until <paramref name="deliveries"/> deliveries have run in all.</summary>
    public void Run(int deliveries)
    {
        for (var t = 0; t < _tokens.Length; t++)
        {
            _tokens[t].Left = deliveries / _tokens.Length;
            Send(_members[t * _members.Length / _tokens.Length], _tokens[t], _nowNs);
        }

        while (_queue.TryDequeue(out var e, out var key))
        {
            var target = e.Target;
            if (target.FreeAtNs > key.TimeNs)
            {
                // Busy: the token waits until the member is free.
                Send(target, e.Token, target.FreeAtNs);
                continue;
            }

            _nowNs = key.TimeNs;
            Deliveries++;
            target.Handle(this, e.Token, key.TimeNs);
        }
    }

    private void Send(Member target, Token token, long arrivalNs) => _queue.Enqueue(new Event(target, token), new EventKey(arrivalNs, _seq++));

    /// <summary>A ring member: handles a token by spending the cost and passing it on.</summary>
    private sealed class Member
    {
        public Member Next = null!;
        public long FreeAtNs;

        public void Handle(EventLoopRing loop, Token token, long startNs)
        {
            var endNs = startNs + RingTiming.CostNs;
            FreeAtNs = endNs;
            if (--token.Left > 0) loop.Send(Next, token, endNs + RingTiming.LatencyNs);
        }
    }

    private sealed class Token
    {
        public int Left;
    }

    private readonly record struct Event(Member Target, Token Token);

    /// <summary>Timed order: virtual time, then sequence number.</summary>
    private readonly record struct EventKey(long TimeNs, long Seq) : IComparable<EventKey>
    {
        public int CompareTo(EventKey other) => TimeNs != other.TimeNs ? TimeNs.CompareTo(other.TimeNs) : Seq.CompareTo(other.Seq);
    }
}

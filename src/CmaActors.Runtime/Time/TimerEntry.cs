namespace CmaActors.Runtime;

/// <summary>A timer due at a virtual time; entries with equal due times fire in scheduling order.</summary>
internal readonly struct TimerEntry
{
    public TimerEntry(long dueNs, long seq, VirtualTimer timer)
    {
        DueNs = dueNs;
        Seq = seq;
        Timer = timer;
    }

    public long DueNs { get; }

    public long Seq { get; }

    public VirtualTimer Timer { get; }

    public bool Precedes(in TimerEntry other) => DueNs != other.DueNs ? DueNs < other.DueNs : Seq < other.Seq;
}

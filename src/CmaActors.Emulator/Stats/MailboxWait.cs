namespace CmaActors.Emulator.Stats;

/// <summary>Mailbox wait of one actor (or a group of actors), virtual ns.</summary>
public struct MailboxWait
{
    /// <summary>Messages handled.</summary>
    public long Deliveries;

    /// <summary>Messages that arrived while the actor was busy.</summary>
    public long Waited;

    /// <summary>Total wait.</summary>
    public long WaitTotalNs;

    /// <summary>Longest wait.</summary>
    public long WaitMaxNs;

    /// <summary>This wait and <paramref name="other"/> together.</summary>
    public readonly MailboxWait Plus(MailboxWait other) => new()
    {
        Deliveries = Deliveries + other.Deliveries,
        Waited = Waited + other.Waited,
        WaitTotalNs = WaitTotalNs + other.WaitTotalNs,
        WaitMaxNs = Math.Max(WaitMaxNs, other.WaitMaxNs),
    };
}

namespace CmaActors.Emulator.Protocol.Reclaim;

/// <summary>CPU → kswapd: wakeup_kswapd(), a zone fell below its low watermark.</summary>
public sealed record WakeKswapd
{
    /// <summary>The one instance.</summary>
    public static readonly WakeKswapd Instance = new();
}

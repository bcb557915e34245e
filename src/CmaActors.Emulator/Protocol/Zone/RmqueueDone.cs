using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>Zone → CPU: the blocks taken (possibly none: the zone had nothing suitable).</summary>
public sealed record RmqueueDone(PageBatch Pages) : ICarriesPages
{
    /// <inheritdoc />
    public PageBatch? FirstBatch => Pages;
}

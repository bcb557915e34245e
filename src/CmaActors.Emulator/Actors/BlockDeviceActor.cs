using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Storage;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// The block device: one FIFO queue. Handling one request is the device serving it — a fixed per-request cost plus
/// the transfer at the sequential rate — so requests queue behind each other in the mailbox, background writeback and
/// cma_alloc's writeouts alike.
/// </summary>
public sealed class BlockDeviceActor : EmulatorActor
{
    private readonly StorageSpec _spec;
    private readonly BlockDeviceStats _stats;
    private readonly long _transferPageNs;

    /// <summary>Creates the device.</summary>
    public BlockDeviceActor(EmulatedMachine machine, StorageSpec spec, BlockDeviceStats stats) : base(machine)
    {
        _spec = spec;
        _stats = stats;
        _transferPageNs = (long)(machine.Geometry.PageSizeBytes / (spec.SequentialMBps * 1e6) * 1e9);
        Receive<IoSubmit>(Serve);
    }

    /// <summary>Props for the device.</summary>
    public static Props Props(EmulatedMachine machine, StorageSpec spec, BlockDeviceStats stats) =>
        CmaActors.Runtime.ActorProps.Of(() => new BlockDeviceActor(machine, spec, stats));

    private void Serve(IoSubmit m)
    {
        var fixedMs = m.Write ? _spec.WriteRequestMs : _spec.ReadRequestMs;
        var service = (long)(fixedMs * 1e6) + _transferPageNs * m.Pages;
        Spend(service);
        _stats.BusyNs += service;
        if (m.Write)
        {
            _stats.Writes++;
            _stats.PagesWritten += m.Pages;
        }
        else
        {
            _stats.Reads++;
            _stats.PagesRead += m.Pages;
        }

        Sender.Tell(new IoComplete(m.Tag));
    }
}

using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Invariants;

/// <summary>
/// Checks the invariants of design.md §5 from the delivery hooks: when a message carrying pages is delivered, its
/// batches must still hold their frames; after every delivery, the frames that delivery touched and the free
/// counters must agree with the lists, owners and bitmaps; every <see cref="InvariantSpec.FullCheckEvery"/>
/// deliveries, and on demand, every frame, list, owner, message and bitmap is walked. The first violation is thrown
/// as an <see cref="InvariantViolationException"/>, which stops the run.
/// </summary>
public sealed class InvariantChecker : IDeliveryObserver
{
    private readonly EmulatedMachine _machine;
    private readonly InvariantSpec _spec;
    private readonly TouchedFramesCheck _touched;
    private readonly FullCheck _full;
    private readonly IsolationProtocolCheck _isolation;
    private long _sinceFull;

    /// <summary>Creates a checker for <paramref name="machine"/>.</summary>
    public InvariantChecker(EmulatedMachine machine, InvariantSpec spec)
    {
        _machine = machine;
        _spec = spec;
        _touched = new TouchedFramesCheck(machine);
        _full = new FullCheck(machine);
        _isolation = new IsolationProtocolCheck(machine);
    }

    /// <summary>The step being delivered, for violations found while a handler sends.</summary>
    public Func<long>? CurrentStep { get; set; }

    /// <summary>Checks run so far (per-delivery and full).</summary>
    public long Checks { get; private set; }

    /// <summary>Full walks run so far.</summary>
    public long FullChecks { get; private set; }

    /// <inheritdoc />
    public void OnSend(in SendEvent e)
    {
        if (e.Message is ICarriesPages carrier)
            Throw(CarriedBatches.CheckHandout(_machine, carrier.FirstBatch), CurrentStep?.Invoke() ?? -1, e.SentAtNs);
        Throw(_isolation.OnSend(in e), CurrentStep?.Invoke() ?? -1, e.SentAtNs);
    }

    /// <inheritdoc />
    public void OnDeliveryStart(in DeliveryEvent e)
    {
        Throw(_isolation.OnDeliveryStart(in e), e.Step, e.StartNs);
        if (e.Message is not ICarriesPages carrier)
            return;
        Throw(CarriedBatches.Check(_machine, carrier.FirstBatch) ?? CarriedBatches.Check(_machine, carrier.SecondBatch), e.Step, e.StartNs);
    }

    /// <inheritdoc />
    public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
    {
        if (_spec.EveryDelivery)
        {
            Checks++;
            Throw(_touched.Run(_isolation, e.To), e.Step, endNs);
        }

        _machine.Frames.ClearTouched();
        if (_spec.FullCheckEvery > 0 && ++_sinceFull >= _spec.FullCheckEvery)
        {
            _sinceFull = 0;
            CheckAll(e.Step, endNs);
        }
    }

    /// <summary>Walks everything now; throws on the first violation.</summary>
    public void CheckAll(long step, long virtualTimeNs)
    {
        Checks++;
        FullChecks++;
        Throw(_full.Run() ?? _isolation.CheckAll(), step, virtualTimeNs);
    }

    private static void Throw(InvariantViolation? violation, long step, long timeNs)
    {
        if (violation is not null)
            throw new InvariantViolationException(violation, step, timeNs);
    }
}

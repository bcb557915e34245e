using Akka.Actor;
using CmaActors.Emulator.Actors;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Tests.Invariants;

/// <summary>A process that allocates one page, frees it, and (when buggy) some time later frees it again.</summary>
public sealed class DoubleFreeProcess : EmulatorActor, IWithTimers
{
    private readonly IActorRef _cpu;
    private readonly PageHolder _pages;
    private readonly StrongBox<int> _freedTwice;
    private readonly bool _freeTwice;
    private int _pfn = -1;

    public DoubleFreeProcess(EmulatedMachine machine, IActorRef cpu, StrongBox<int> freedTwice, bool freeTwice) : base(machine)
    {
        _cpu = cpu;
        _freedTwice = freedTwice;
        _freeTwice = freeTwice;
        _pages = machine.Holders.Create("double-free", PagePlace.Owned);
        _pages.Actor = Self;
        Receive<PagesAllocated>(m =>
        {
            Machine.Transfer.Receive(m.Pages);
            _pfn = m.Pages.Pfns[0];
            _pages.Add(_pfn, PageKind.Anon);
            _pages.Remove(_pfn);
            _cpu.Tell(new FreePages(Machine.Transfer.Send([_pfn], 0)));
            if (_freeTwice)
                Timers.StartSingleTimer("again", "again", TimeSpan.FromMilliseconds(1));
        });
        Receive<string>(_ =>
        {
            _freedTwice.Value = _pfn;
            _cpu.Tell(new FreePages(Machine.Transfer.Send([_pfn], 0)));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => _cpu.Tell(new AllocPages(1, 0, MigrateType.Movable));
}

/// <summary>A mutable box shared between a test and its actor.</summary>
public sealed class StrongBox<T>(T value)
{
    public T Value { get; set; } = value;
}

using CmaActors.Emulator.Load;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Tests.Load;

public sealed class LoadScheduleTests
{
    private const long Ms = 1_000_000;

    private static LoadSchedule Schedule(bool repeat, params LoadPhase[] phases) => new(new LoadProfileSpec { Phases = phases, Repeat = repeat });

    [Fact]
    public void Inject_puts_the_rate_in_at_the_start_of_every_interval()
    {
        var s = Schedule(false, new InjectPhase { Rate = 7, IntervalMs = 100, DuringMs = 1_000 });
        Assert.Equal(10, s.Portions(0));
        Assert.Equal(1, s.PortionsDue(0, 0));
        Assert.Equal(1, s.PortionsDue(0, 99 * Ms));
        Assert.Equal(2, s.PortionsDue(0, 100 * Ms));
        Assert.Equal(10, s.PortionsDue(0, 5_000 * Ms));
        Assert.Equal(70, s.RequestsIn(0, 0, 10));
        Assert.Equal(300 * Ms, s.PortionTime(0, 3));
    }

    [Fact]
    public void Ramping_inject_climbs_linearly_from_the_previous_rate_and_reaches_the_target_on_the_last_portion()
    {
        var s = Schedule(false, new InjectPhase { Rate = 10, IntervalMs = 100, DuringMs = 500 },
            new RampingInjectPhase { Rate = 20, IntervalMs = 100, DuringMs = 1_000 });
        var sizes = Enumerable.Range(0, 10).Select(k => s.RequestsIn(1, 0, k + 1) - s.RequestsIn(1, 0, k)).ToList();
        Assert.Equal([11, 12, 13, 14, 15, 16, 17, 18, 19, 20], sizes);

        var fromZero = Schedule(false, new RampingInjectPhase { Rate = 3, IntervalMs = 100, DuringMs = 1_000 });
        // 0.3, 0.6, ... 3.0 per portion: 16.5 in all, floored.
        Assert.Equal(16, fromZero.RequestsIn(0, 0, 10));
        Assert.All(Enumerable.Range(0, 10), k => Assert.True(fromZero.RequestsIn(0, 0, k + 1) >= fromZero.RequestsIn(0, 0, k)));
    }

    [Fact]
    public void Ramping_constant_moves_the_target_one_copy_at_a_time_and_says_when()
    {
        var s = Schedule(false, new KeepConstantPhase { Copies = 2, DuringMs = 1_000 }, new RampingConstantPhase { Copies = 6, DuringMs = 400 });
        Assert.Equal(2, s.TargetCopies(0, 0, 500 * Ms));
        Assert.Equal(1_000 * Ms, s.NextTargetChange(0, 0, 500 * Ms));
        Assert.Equal(2, s.TargetCopies(1, 0, 0));
        Assert.Equal(100 * Ms, s.NextTargetChange(1, 0, 0));
        Assert.Equal(3, s.TargetCopies(1, 0, 100 * Ms));
        Assert.Equal(5, s.TargetCopies(1, 0, 399 * Ms));
        Assert.Equal(6, s.TargetCopies(1, 0, 400 * Ms));

        var down = Schedule(false, new RampingConstantPhase { Copies = 4, DuringMs = 100 }, new RampingConstantPhase { Copies = 0, DuringMs = 400 });
        Assert.Equal(4, down.TargetCopies(1, 0, 0));
        Assert.Equal(3, down.TargetCopies(1, 0, 100 * Ms));
        Assert.Equal(0, down.TargetCopies(1, 0, 400 * Ms));
    }

    [Fact]
    public void A_repeated_profile_starts_its_first_phase_from_where_the_last_one_ended()
    {
        var s = Schedule(true, new RampingInjectPhase { Rate = 10, IntervalMs = 100, DuringMs = 500 },
            new InjectPhase { Rate = 20, IntervalMs = 100, DuringMs = 500 });
        // First cycle: 2, 4, 6, 8, 10; later cycles ramp from 20 down to 10: 18, 16, 14, 12, 10.
        Assert.Equal(30, s.RequestsIn(0, 0, 5));
        Assert.Equal(70, s.RequestsIn(0, 1, 5));
        Assert.Equal(1_000 * Ms, s.CycleNs);
        Assert.Equal(2_500 * Ms, s.StartOf(1, 2));
    }

    [Fact]
    public void Active_time_counts_every_repetition_and_stops_at_the_load_time()
    {
        var s = Schedule(true, new InjectPhase { Rate = 1, IntervalMs = 100, DuringMs = 300 }, new PausePhase { DuringMs = 200 });
        Assert.Equal([800 * Ms, 400 * Ms], s.ActiveNs(1_200 * Ms));
        var once = Schedule(false, new InjectPhase { Rate = 1, IntervalMs = 100, DuringMs = 300 }, new PausePhase { DuringMs = 200 });
        Assert.Equal([300 * Ms, 200 * Ms], once.ActiveNs(5_000 * Ms));
        Assert.Equal([100 * Ms, 0], once.ActiveNs(100 * Ms));
    }
}

using Akka.Actor;

namespace CmaActors.Runtime.Tests.Parallel;

/// <summary>
/// The order in which a parallel-mode core serves the mailboxes that wait for it: first come, first served, a freed core
/// kept for the waiter woken for it, a spinning holder served before everyone.
/// </summary>
public sealed class ParallelCoreOrderTests
{
    private readonly ParallelDirectory _directory = new(new WallClock(SpendMode.None));
    private readonly ParallelCore _core = new();

    private ObservedMessageQueue NewQueue() => _directory.Register(ActorRefs.Nobody);

    [Fact]
    public void Waiters_take_a_freed_core_in_the_order_they_came_and_a_busy_actor_waits_its_turn_again()
    {
        var (busy, first, second) = (NewQueue(), NewQueue(), NewQueue());
        Assert.True(_core.TryClaim(busy));
        Assert.False(_core.TryClaim(first));
        Assert.False(_core.TryClaim(second));
        Assert.True(first.WaitingForCore && second.WaitingForCore);

        // The busy actor's handler ends and it has more to do at once: the core is kept for the first waiter.
        _core.EndRun(busy);
        Assert.False(first.WaitingForCore);
        Assert.False(_core.TryClaim(busy));
        Assert.False(_core.TryClaim(second));
        Assert.True(_core.TryClaim(first));

        _core.EndRun(first);
        Assert.False(_core.TryClaim(busy));
        Assert.True(_core.TryClaim(second));
        _core.EndRun(second);
        Assert.True(_core.TryClaim(busy));
    }

    [Fact]
    public void A_holder_runs_its_own_messages_first_and_the_waiters_follow_in_order_once_it_lets_go()
    {
        var (spinner, waiter) = (NewQueue(), NewQueue());
        Assert.True(_core.TryClaim(spinner));
        _core.Hold(spinner);
        _core.EndRun(spinner);
        Assert.False(_core.TryClaim(waiter));
        Assert.True(_core.TryClaim(spinner));

        _core.Release(spinner);
        _core.EndRun(spinner);
        Assert.False(waiter.WaitingForCore);
        Assert.False(_core.TryClaim(spinner));
        Assert.True(_core.TryClaim(waiter));
    }

    [Fact]
    public void A_woken_waiter_that_stops_before_it_comes_passes_the_core_to_the_next()
    {
        var (runner, gone, next) = (NewQueue(), NewQueue(), NewQueue());
        Assert.True(_core.TryClaim(runner));
        Assert.False(_core.TryClaim(gone));
        Assert.False(_core.TryClaim(next));
        _core.EndRun(runner);

        _core.Leave(gone);
        Assert.False(next.WaitingForCore);
        Assert.False(_core.TryClaim(runner));
        Assert.True(_core.TryClaim(next));
    }
}

using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.SysMsg;

namespace CmaActors.Runtime.Tests.AkkaContract;

/// <summary>
/// Regression tests for the Akka.NET behaviour the simulation runtime relies on (pinned Akka version).
/// They use a dispatcher that records work instead of running it.
/// </summary>
public sealed class AkkaBehaviourTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ActorSystem _system;
    private readonly ManualDispatcher _dispatcher;

    public AkkaBehaviourTests()
    {
        var type = typeof(ManualDispatcherConfigurator);
        _system = ActorSystem.Create("akka-behaviour", ConfigurationFactory.ParseString($$"""
            akka.loglevel = ERROR
            manual-dispatcher { type = "{{type.FullName}}, {{type.Assembly.GetName().Name}}", throughput = 1 }
            """));
        _dispatcher = (ManualDispatcher)_system.Dispatchers.Lookup("manual-dispatcher");
    }

    public void Dispose()
    {
        _dispatcher.PassThrough();
        Assert.True(_system.Terminate().Wait(Patience));
    }

    private sealed class Counter : ReceiveActor
    {
        public static int Handled;

        public Counter() => ReceiveAny(_ => Interlocked.Increment(ref Handled));
    }

    private (IActorRef Actor, int CallerThread) CreateStartedActor()
    {
        var actor = _system.ActorOf(Props.Create(() => new Counter()).WithDispatcher("manual-dispatcher"), "counter");
        Assert.True(SpinWait.SpinUntil(() => actor is ActorRefWithCell { Underlying: ActorCell } && _dispatcher.Tasks.Count > 0, Patience));
        return (actor, Environment.CurrentManagedThreadId);
    }

    [Fact]
    public void System_ActorOf_attaches_the_cell_on_another_thread_and_create_arrives_through_ExecuteTask()
    {
        var (_, callerThread) = CreateStartedActor();
        Assert.NotEqual(callerThread, _dispatcher.AttachThread);
        // Create is put into the mailbox by ActorCell.Init; the dispatcher only sees a mailbox to run.
        Assert.DoesNotContain(typeof(Create), _dispatcher.SystemMessages);
        var create = _dispatcher.Take();
        Assert.IsAssignableFrom<Mailbox>(create);
        create!.Run();
    }

    [Fact]
    public void A_mailbox_run_with_throughput_one_handles_up_to_two_messages()
    {
        var (actor, _) = CreateStartedActor();
        _dispatcher.Take()!.Run(); // Create
        Counter.Handled = 0;
        actor.Tell(1);
        actor.Tell(2);
        actor.Tell(3);
        var run = _dispatcher.Take();
        Assert.NotNull(run);
        Assert.Null(_dispatcher.Take()); // scheduled once for the three messages
        run.Run();
        // This is why the simulation gates its mailbox queue to one message per run.
        Assert.Equal(2, Counter.Handled);
    }

    [Fact]
    public void Exceptions_thrown_by_the_dispatcher_during_Tell_are_swallowed()
    {
        var (actor, _) = CreateStartedActor();
        _dispatcher.ThrowOnDispatch = true;
        actor.Tell("x"); // does not throw: observer exceptions must be carried out of the send by the driver
        _dispatcher.ThrowOnDispatch = false;
    }
}

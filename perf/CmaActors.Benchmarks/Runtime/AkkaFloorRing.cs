using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;

namespace CmaActors.Benchmarks.Runtime;

/// <summary>
/// The ring of <see cref="SimulatedRing"/> with Akka.NET's own work per message and nothing else: the same members
/// (untyped actors passing a token on with <c>Tell</c>) on a dispatcher whose only scheduling is a first-in first-out
/// queue of mailboxes to run, pumped on the calling thread. Akka enqueues each message, schedules the mailbox, and the
/// loop runs <c>Mailbox.Run</c> (system messages, then one message through <c>ActorCell.Invoke</c>). No virtual time,
/// no strategy, no observers: this is the floor any driver built on Akka's mailboxes stands on.
/// </summary>
public sealed class AkkaFloorRing : IDisposable
{
    private const string DispatcherId = "floor-dispatcher";
    private readonly ActorSystem _system;
    private readonly FloorDispatcher _dispatcher;
    private readonly IActorRef[] _members;
    private readonly Token[] _tokens;

    /// <summary>Starts a ring of <paramref name="actors"/> members with <paramref name="tokens"/> tokens to pass.</summary>
    public AkkaFloorRing(int actors, int tokens)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            akka.log-dead-letters-during-shutdown = off
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            {{DispatcherId}} {
              type = "{{typeof(FloorDispatcherConfigurator).FullName}}, {{typeof(FloorDispatcherConfigurator).Assembly.GetName().Name}}"
              throughput = 1
            }
            """);
        _system = ActorSystem.Create("floor", config);
        _dispatcher = (FloorDispatcher)_system.Dispatchers.Lookup(DispatcherId);
        _members = new IActorRef[actors];
        for (var i = 0; i < actors; i++)
            _members[i] = _system.ActorOf(Props.Create(() => new RingMember()).WithDispatcher(DispatcherId), "m" + i);
        for (var i = 0; i < actors; i++) _members[i].Tell(_members[(i + 1) % actors]);
        _dispatcher.RunAll();
        _tokens = new Token[tokens];
        for (var t = 0; t < tokens; t++) _tokens[t] = new Token();
    }

    /// <summary>Sends every token round the ring until <paramref name="deliveries"/> deliveries have run in all.</summary>
    public void Run(int deliveries)
    {
        for (var t = 0; t < _tokens.Length; t++)
        {
            _tokens[t].Left = deliveries / _tokens.Length;
            _members[t * _members.Length / _tokens.Length].Tell(_tokens[t]);
        }

        _dispatcher.RunAll();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _dispatcher.HandOverToThreadPool();
        _system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>A token with a hop budget; reused, so the actors allocate nothing.</summary>
    private sealed class Token
    {
        public int Left;
    }

    /// <summary>Passes the token to the next ring member.</summary>
    private sealed class RingMember : UntypedActor
    {
        private IActorRef _next = ActorRefs.Nobody;

        protected override void OnReceive(object message)
        {
            if (message is Token token)
            {
                if (--token.Left > 0) _next.Tell(token);
            }
            else if (message is IActorRef next)
            {
                _next = next;
            }
        }
    }

    /// <summary>Runs scheduled mailboxes in the order they were scheduled, on the thread that calls <see cref="RunAll"/>.
    /// Until <see cref="HandOverToThreadPool"/> only that thread schedules (every actor runs on it), so the queue
    /// needs no lock.</summary>
    internal sealed class FloorDispatcher : MessageDispatcher
    {
        private readonly Queue<IRunnable> _scheduled = new();
        private volatile bool _threadPool;

        public FloorDispatcher(MessageDispatcherConfigurator configurator)
            : base(configurator) => Throughput = 1;

        public void RunAll()
        {
            while (_scheduled.TryDequeue(out var next)) next.Run();
        }

        /// <summary>From now on mailboxes run on the thread pool (so that the actor system can stop).</summary>
        public void HandOverToThreadPool()
        {
            _threadPool = true;
            while (_scheduled.TryDequeue(out var run)) ThreadPool.UnsafeQueueUserWorkItem(run, preferLocal: false);
        }

        protected override void ExecuteTask(IRunnable run)
        {
            if (_threadPool) ThreadPool.UnsafeQueueUserWorkItem(run, preferLocal: false);
            else _scheduled.Enqueue(run);
        }

        protected override void Shutdown()
        {
        }
    }

    /// <summary>Akka's configurator for <see cref="FloorDispatcher"/> (named by the dispatcher's <c>type</c>).</summary>
    internal sealed class FloorDispatcherConfigurator : MessageDispatcherConfigurator
    {
        private readonly FloorDispatcher _dispatcher;

        public FloorDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites)
            : base(config, prerequisites) => _dispatcher = new FloorDispatcher(this);

        public override MessageDispatcher Dispatcher() => _dispatcher;
    }
}

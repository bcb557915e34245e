using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>Asks the parallel root to create a child actor; the root fills in the outcome and signals.</summary>
internal sealed class ParallelSpawnRequest(Props props, string name)
{
    private readonly ManualResetEventSlim _done = new(false);

    public Props Props { get; } = props;

    public string Name { get; } = name;

    public IActorRef? Result { get; private set; }

    public Exception? Error { get; private set; }

    public void Complete(IActorRef? result, Exception? error)
    {
        Result = result;
        Error = error;
        _done.Set();
    }

    public bool Wait(TimeSpan timeout) => _done.Wait(timeout);
}

using Akka.Actor;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// The task that runs one caller's cma_alloc() calls on the caller's CPU, kept by the area for the whole run: in the
/// kernel a call runs in the calling thread, so a caller makes one call at a time. The area hands the task a call only
/// while it is out of one; a caller that calls again before its previous call returned gets a second task.
/// </summary>
public sealed class CallerTask(ActorId caller, int cpu)
{
    private volatile bool _inCall;

    /// <summary>The actor that called cma_alloc().</summary>
    public ActorId Caller { get; } = caller;

    /// <summary>The CPU the caller runs on, and its task with it.</summary>
    public int Cpu { get; } = cpu;

    /// <summary>The task's actor.</summary>
    public IActorRef Task { get; set; } = ActorRefs.Nobody;

    /// <summary>
    /// True from the area handing the task a call until the task has answered it. The task clears it before it
    /// answers, so a caller's next call always finds it clear (the area and the task may run on different threads in
    /// parallel mode).
    /// </summary>
    public bool InCall
    {
        get => _inCall;
        set => _inCall = value;
    }

    /// <summary>Whether this task can take a call of <paramref name="caller"/> on <paramref name="cpu"/> now.</summary>
    public bool IsFreeFor(ActorId caller, int cpu) => !_inCall && Caller == caller && Cpu == cpu;
}

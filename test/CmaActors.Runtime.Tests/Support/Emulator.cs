using Akka.Actor;

namespace CmaActors.Runtime.Tests.Support;

/// <summary>Shortcuts used by test actors.</summary>
public static class Emulator
{
    public static Props Props<T>(params object[] args) where T : ActorBase =>
        Akka.Actor.Props.Create(typeof(T), args).WithDispatcher(EmulatorDispatcher.Id);

    public static IClock Clock(IActorContext context) => EmulatorRuntime.Get(context.System).Clock;
}

namespace CmaActors.Runtime;

/// <summary>
/// Identity of an emulator actor, assigned in creation order (0, 1, 2, ...) by the runtime.
/// Never derived from actor UIDs or hash codes, so it is the same in every run of the same scenario.
/// </summary>
/// <param name="Value">The creation ordinal, or -1 for <see cref="External"/>.</param>
public readonly record struct ActorId(int Value)
{
    /// <summary>Anything that is not an emulator actor: the caller outside the simulation, Akka's own actors.</summary>
    public static readonly ActorId External = new(-1);

    /// <summary>True for <see cref="External"/>.</summary>
    public bool IsExternal => Value < 0;

    /// <inheritdoc />
    public override string ToString() => Value < 0 ? "external" : "#" + Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

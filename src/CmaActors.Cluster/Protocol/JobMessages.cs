namespace CmaActors.Cluster.Protocol;

/// <summary>A message between a job's coordinator and the worker nodes; sent over the cluster by <see cref="JobMessageSerializer"/>.</summary>
public interface IJobMessage
{
    /// <summary>The job it is about.</summary>
    string JobId { get; }
}

/// <summary>Coordinator → worker: the job has units to hand out; ask for one if idle.</summary>
public sealed record JobAvailable(string JobId) : IJobMessage;

/// <summary>Worker slot → coordinator: give me a unit of the job.</summary>
public sealed record RequestWork(string JobId) : IJobMessage;

/// <summary>Coordinator → worker slot: run seeds <paramref name="First"/>..<paramref name="Last"/> of unit <paramref name="Unit"/>.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Kind">The job's kind.</param>
/// <param name="Spec">The job's spec.</param>
/// <param name="Unit">The unit's id.</param>
/// <param name="First">The first seed to run (after the unit's seeds already received, when it is handed out again).</param>
/// <param name="Last">The unit's last seed.</param>
/// <param name="StopAfter">Seeds after this one are not needed (the lowest seed that stopped the job so far).</param>
public sealed record Work(string JobId, string Kind, string Spec, int Unit, int First, int Last, int StopAfter) : IJobMessage;

/// <summary>Coordinator → worker slot: nothing left to hand out.</summary>
public sealed record NoWork(string JobId) : IJobMessage;

/// <summary>Worker slot → coordinator: a unit granted while the slot was busy, given back.</summary>
public sealed record WorkDeclined(string JobId, int Unit) : IJobMessage;

/// <summary>Worker slot → coordinator: the line of one seed, streamed as soon as it is run.</summary>
public sealed record SeedDone(string JobId, int Unit, int Seed, string Line, bool Stops) : IJobMessage;

/// <summary>Worker slot → coordinator: unit finished (every seed up to its last, or up to the stop).</summary>
public sealed record UnitDone(string JobId, int Unit) : IJobMessage;

/// <summary>Worker slot → coordinator: the unit could not run (bad spec, unknown kind, a failure); the job fails.</summary>
public sealed record UnitFailed(string JobId, int Unit, string Error) : IJobMessage;

/// <summary>Coordinator → worker slots: a seed stopped the job; seeds after <paramref name="Seed"/> are not needed.</summary>
public sealed record StopAt(string JobId, int Seed) : IJobMessage;

/// <summary>Coordinator → worker slots: the job is over (merged or failed); drop whatever is left of it.</summary>
public sealed record JobOver(string JobId) : IJobMessage;

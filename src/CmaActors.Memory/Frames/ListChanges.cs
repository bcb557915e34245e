namespace CmaActors.Memory.Frames;

/// <summary>
/// A counter shared by a group of <see cref="PageList"/>s (one CPU's pcp lists): every link and unlink on any of
/// them adds one, so an auditor can skip a group whose lists have not changed since it last looked.
/// </summary>
public sealed class ListChanges
{
    /// <summary>Links, unlinks and count changes so far.</summary>
    public long Value { get; private set; }

    /// <summary>Records one change.</summary>
    public void Add() => Value++;
}

namespace CmaActors.Cli;

/// <summary>What the command's exit code means.</summary>
public static class ExitCodes
{
    /// <summary>The run finished and every invariant held.</summary>
    public const int Ok = 0;

    /// <summary>Something unexpected failed (a message, no stack trace).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: a malformed scenario, an unknown name, a wrong option.</summary>
    public const int BadInput = 2;

    /// <summary>The run stopped on an invariant violation.</summary>
    public const int Violation = 3;
}

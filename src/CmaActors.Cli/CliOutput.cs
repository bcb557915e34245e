namespace CmaActors.Cli;

/// <summary>Where the command writes: results and summaries to <see cref="Out"/>, errors to <see cref="Err"/>.</summary>
public sealed class CliOutput(TextWriter stdout, TextWriter stderr)
{
    /// <summary>Standard output.</summary>
    public TextWriter Out { get; } = stdout;

    /// <summary>Standard error.</summary>
    public TextWriter Err { get; } = stderr;

    /// <summary>Writes one error line.</summary>
    public void Error(string message) => Err.WriteLine($"error: {message}");
}

using Spectre.Console;

namespace CmaActors.Cli.Output;

/// <summary>A Spectre.Console console writing to a given writer (the terminal, or a test's buffer).</summary>
public static class ConsoleFactory
{
    /// <summary>A console on <paramref name="writer"/>; ANSI and interactivity only on a real terminal.</summary>
    public static IAnsiConsole For(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
            console.Profile.Width = 132;
        return console;
    }
}

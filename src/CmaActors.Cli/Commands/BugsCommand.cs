using System.CommandLine;
using CmaActors.Cli.Output;
using CmaActors.Emulator.Bugs;
using Spectre.Console;

namespace CmaActors.Cli.Commands;

/// <summary><c>cma-actors bugs</c>: the historical kernel bugs that can be switched back on.</summary>
public static class BugsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var command = new Command("bugs", "List the historical kernel bugs that --bug and a scenario's 'bugs' switch back on");
        command.SetAction(_ =>
        {
            var console = ConsoleFactory.For(output.Out);
            var table = new Table().AddColumns("name", "race", "fixed by", "what it breaks", "caught by", "scenario");
            foreach (var bug in HistoricalBugs.All)
            {
                table.AddRow(Markup.Escape(bug.Name), bug.RaceId, Markup.Escape($"{bug.Fix} ({bug.FixYear})"), Markup.Escape(bug.Breaks),
                    Markup.Escape(bug.CaughtBy), Markup.Escape(bug.Scenario));
            }

            console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}

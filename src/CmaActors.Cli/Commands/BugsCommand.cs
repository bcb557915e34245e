using System.CommandLine;
using CmaActors.Cli.Output;
using CmaActors.Emulator.Bugs;
using Spectre.Console;

namespace CmaActors.Cli.Commands;

/// <summary><c>cma-actors bugs [--names]</c>: the historical kernel bugs that can be switched back on.</summary>
public static class BugsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var names = new Option<bool>("--names") { Description = "One line per bug for scripts: race id, name, race scenario" };
        var command = new Command("bugs", "List the historical kernel bugs that --bug and a scenario's 'bugs' switch back on") { names };
        command.SetAction(parse =>
        {
            if (parse.GetValue(names))
            {
                foreach (var bug in HistoricalBugs.All)
                    output.Out.WriteLine($"{bug.RaceId} {bug.Name} {bug.Scenario}");
                return ExitCodes.Ok;
            }

            var console = ConsoleFactory.For(output.Out);
            var table = new Table().AddColumns("name", "race", "fixed by", "what it breaks", "caught by", "scenario");
            table.Columns[0].NoWrap();
            foreach (var bug in HistoricalBugs.All)
            {
                table.AddRow(Markup.Escape(bug.Name), bug.RaceId, Markup.Escape($"{bug.Fix} ({bug.FixYear})"), Markup.Escape(bug.Breaks),
                    Markup.Escape(bug.CaughtBy), Markup.Escape($"{bug.Scenario} ({bug.Kernel})"));
            }

            console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}

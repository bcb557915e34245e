using System.CommandLine;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Cli.Commands;

/// <summary><c>cma-actors scenarios [NAME]</c>: lists the built-in scenarios, or prints one as JSON to start from.</summary>
public static class ScenariosCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var name = new Argument<string?>("name") { Description = "A built-in scenario to print", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("scenarios", "List the built-in scenarios, or print one as JSON") { name };
        command.SetAction(parse =>
        {
            var which = parse.GetValue(name);
            if (which is null)
            {
                foreach (var builtIn in BuiltInScenarios.Names)
                    output.Out.WriteLine($"{builtIn,-20} {BuiltInScenarios.Load(builtIn).Description}");
                return ExitCodes.Ok;
            }

            if (!BuiltInScenarios.Exists(which))
                throw new CliInputException($"no built-in scenario '{which}' (built-in: {string.Join(", ", BuiltInScenarios.Names)})");
            output.Out.Write(BuiltInScenarios.Text(which));
            return ExitCodes.Ok;
        });
        return command;
    }
}

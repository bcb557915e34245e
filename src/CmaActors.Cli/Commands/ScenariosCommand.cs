using System.CommandLine;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Cli.Commands;

/// <summary><c>cma-actors scenarios [NAME] [--schema]</c>: lists the built-in scenarios, prints one as JSON to start from, or prints the JSON Schema of scenario files.</summary>
public static class ScenariosCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var name = new Argument<string?>("name") { Description = "A built-in scenario to print", Arity = ArgumentArity.ZeroOrOne };
        var schema = new Option<bool>("--schema") { Description = "Print the JSON Schema of scenario files (for an editor: name it in a file's \"$schema\")" };
        var command = new Command("scenarios", "List the built-in scenarios, print one as JSON, or print the scenario files' JSON Schema") { name, schema };
        command.SetAction(parse =>
        {
            var which = parse.GetValue(name);
            if (parse.GetValue(schema))
            {
                if (which is not null)
                    throw new CliInputException("scenarios: give a NAME or --schema, not both");
                output.Out.Write(ScenarioSchema.Published());
                return ExitCodes.Ok;
            }

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

using System.CommandLine;
using CmaActors.Cli.Commands;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Cli;

/// <summary>The <c>cma-actors</c> command line: parses, dispatches, and turns every error into a message and an exit code.</summary>
public static class CliApp
{
    /// <summary>Runs the command line; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = new CliOutput(stdout ?? Console.Out, stderr ?? Console.Error);
        var root = new RootCommand("cma-actors: the Linux page allocator and CMA as Akka.NET actors, run deterministically")
        {
            RunCommand.Create(output),
            ExploreCommand.Create(output),
            ReplayCommand.Create(output),
            BugsCommand.Create(output),
            KernelsCommand.Create(output),
            CompareCommand.Create(output),
            ValidateCommand.Create(output),
            SweepCommand.Create(output),
            TimelineCommand.Create(output),
            ScenariosCommand.Create(output),
            WorkerCommand.Create(output),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                output.Error(ParseErrorText.For(error.Message));
            output.Error("see 'cma-actors --help'");
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output.Out, Error = output.Err, EnableDefaultExceptionHandler = false });
        }
        catch (ScenarioException e)
        {
            foreach (var problem in e.Errors)
                output.Error(problem.ToString());
            return ExitCodes.BadInput;
        }
        catch (CliInputException e)
        {
            output.Error(e.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            // Not the input's fault: say what failed, without a stack trace or the exception's .NET type.
            output.Error($"internal failure: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}

using System.CommandLine;
using CmaActors.Cli.Output;
using CmaActors.Emulator.Kernel;
using Spectre.Console;

namespace CmaActors.Cli.Commands;

/// <summary><c>cma-actors kernels [--names]</c>: the kernel profiles, each mechanism with the kernel function it plays.</summary>
public static class KernelsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var names = new Option<bool>("--names") { Description = "One line per profile for scripts: its name" };
        var command = new Command("kernels", "List the kernel profiles --kernel and a scenario's 'kernel' select, mechanism by mechanism") { names };
        command.SetAction(parse =>
        {
            if (parse.GetValue(names))
            {
                foreach (var profile in KernelProfiles.All)
                    output.Out.WriteLine(profile.Name);
                return ExitCodes.Ok;
            }

            var console = ConsoleFactory.For(output.Out);
            foreach (var profile in KernelProfiles.All)
            {
                var isDefault = ReferenceEquals(profile, KernelProfiles.Default) ? " (default)" : "";
                var table = new Table
                {
                    Title = new TableTitle(Markup.Escape($"{profile.Name}{isDefault}: {profile.Description}")),
                };
                table.AddColumns("mechanism", "how", "kernel function", "since");
                foreach (var m in profile.Mechanisms)
                    table.AddRow(Markup.Escape(m.Name), Markup.Escape(m.Setting), Markup.Escape(m.KernelFunction), Markup.Escape(m.Since));
                console.Write(table);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using CmaActors.Cli.Output;
using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Validation;
using Spectre.Console;

namespace CmaActors.Cli.Commands;

/// <summary>
/// <c>cma-actors validate [--kernel 6.1|6.12] [--results DIR] [--markdown FILE]</c>: the real kernels' measurements
/// beside the emulator's matched scenarios, counts first, then latency shapes; exit 0 when every compared figure is
/// inside its tolerance, 1 naming each one that is not, 2 for bad input.
/// </summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var kernel = KernelSwitch.CreateOption();
        kernel.Description = $"Only this kernel's measurements: {string.Join(", ", KernelProfiles.Names)} (default: every kernel measured)";
        var results = new Option<string>("--results")
        {
            Description = "Folder of the kernel measurement files linux-PROFILE-PLAN-smpN.json",
            DefaultValueFactory = _ => Path.Combine("validation", "kernel", "results"),
        };
        var scenarios = new Option<string?>("--scenarios") { Description = "Folder of the matched scenarios linux-PLAN-smpN.json (default: RESULTS/../scenarios)" };
        var known = new Option<string?>("--known") { Description = "The reviewed list of known disagreements (default: RESULTS/../known-disagreements.json)" };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the tables as markdown into FILE: between its validate markers, else appended" };
        var command = new Command("validate", "Compare the emulator with real kernels measured under QEMU: counts per cma_alloc first, then latency shapes")
        {
            kernel, results, scenarios, known, markdown,
        };
        command.SetAction(parse =>
        {
            var resultsFolder = parse.GetValue(results)!;
            var parent = Path.GetDirectoryName(Path.GetFullPath(resultsFolder)) ?? ".";
            var name = parse.GetValue(kernel);
            if (name is not null && KernelProfiles.Find(name) is null)
                throw new CliInputException($"--kernel {name}: unknown kernel (known: {string.Join(", ", KernelProfiles.Names)})");
            var settings = new ValidationSettings(resultsFolder, parse.GetValue(scenarios) ?? Path.Combine(parent, "scenarios"),
                parse.GetValue(known) ?? Path.Combine(parent, "known-disagreements.json"), name is null ? null : KernelProfiles.Find(name)!.Name);
            var report = KernelValidation.Run(settings,
                m => output.Err.WriteLine($"running the matched scenario of {Path.GetFileName(m.File)} under kernel {m.Profile}"));
            Write(report, ConsoleFactory.For(output.Out));
            if (parse.GetValue(markdown) is { } file)
                WriteMarkdown(file, report);
            var outs = report.Out;
            if (outs.Count == 0)
                return ExitCodes.Ok;
            foreach (var c in outs)
                output.Error($"out of tolerance: {ValidationText.OutLine(c)}");
            return ExitCodes.Failure;
        });
        return command;
    }

    private static void Write(ValidationReport report, IAnsiConsole console)
    {
        foreach (var group in ValidationText.Groups(report))
        {
            var (kernel, plan, vcpus) = group.Key;
            var table = new Table { Title = new TableTitle(Markup.Escape($"Linux {kernel}, plan {plan}, {vcpus} vCPUs: kernel vs emulator")) };
            table.AddColumn("figure").AddColumn(new TableColumn("pages").RightAligned()).AddColumn(new TableColumn("kernel").RightAligned())
                .AddColumn(new TableColumn("emulator").RightAligned()).AddColumn(new TableColumn("ratio").RightAligned())
                .AddColumn("tolerance").AddColumn("in/out");
            foreach (var c in group)
                table.AddRow(Markup.Escape(c.Figure), c.Pages.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                    ValidationText.Value(c.KernelValue), ValidationText.Value(c.EmulatorValue), ValidationText.Ratio(c), c.Tolerance,
                    ValidationText.Status(c));
            console.Write(table);
        }

        foreach (var (m, scenario) in report.Unmatched)
            console.WriteLine($"not compared: {Path.GetFileName(m.File)} (plan {m.Plan}, {m.Guest.Vcpus} vCPUs): no matched scenario {scenario}");
        var compared = report.Figures.Count(f => f.Verdict != Verdict.Info);
        var outs = report.Out;
        console.WriteLine($"{compared} figures compared, {outs.Count} out of tolerance ({outs.Count(o => o.KnownReason is not null)} known disagreements)");
    }

    private static void WriteMarkdown(string file, ValidationReport report)
    {
        try
        {
            var existing = File.Exists(file) ? File.ReadAllText(file) : null;
            File.WriteAllText(file, ValidationText.Splice(existing, ValidationText.Markdown(report)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--markdown {file}: cannot write ({e.Message})");
        }
    }
}

using System.Diagnostics;

namespace CmaActors.Cli.Tests;

/// <summary>Runs the command line in-process or as a separate process, capturing its output.</summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Out, string Err);

    public static Run InProcess(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs cma-actors.dll (copied next to the tests) in a fresh process.</summary>
    public static Run OutOfProcess(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "cma-actors.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Run(process.ExitCode, stdout.Result, stderr.Result);
    }
}

using System.Diagnostics;
using System.Text;

namespace CmaActors.Cli.Tests.Browser;

/// <summary>
/// Makes sure Debian's Chromium and the fonts report.html's charts are drawn in are there before a browser test runs:
/// when <c>chromium</c> is not on PATH or DejaVu Sans is not known to fontconfig, installs them with apt-get (through
/// sudo when not root) — once per test run, under a file lock, so test classes and test processes running at once do
/// not install twice or race on dpkg. When installing is impossible, says what to run instead.
/// </summary>
public static class ChromiumInstall
{
    /// <summary>The packages the browser tests need.</summary>
    public static readonly string[] Packages = ["chromium", "fonts-dejavu-core", "fontconfig"];

    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private static string? _executable;

    /// <summary>The lock file shared by every test process on the machine.</summary>
    public static string LockPath => Path.Combine(Path.GetTempPath(), "cma-actors-chromium-install.lock");

    /// <summary>The chromium executable on PATH, or null.</summary>
    public static string? Executable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "chromium"))
        .FirstOrDefault(File.Exists);

    /// <summary>True when fontconfig knows DejaVu Sans.</summary>
    public static bool HasDejaVu()
    {
        var (code, output) = Run("fc-list", [], TimeSpan.FromSeconds(60), environment: null);
        return code == 0 && output.Contains("DejaVu Sans", StringComparison.Ordinal);
    }

    /// <summary>The chromium executable, installed first when it (or the fonts) is missing.</summary>
    /// <exception cref="InvalidOperationException">It is missing and cannot be installed; the message says why and what to run.</exception>
    public static async Task<string> Ensure()
    {
        if (_executable is { } known)
            return known;
        await InProcess.WaitAsync();
        try
        {
            if (_executable is { } installed)
                return installed;
            using (await CrossProcessLock())
            {
                if (Executable() is null || !HasDejaVu())
                    Install();
            }

            return _executable = Executable() ?? throw new InvalidOperationException(
                $"chromium is still not on PATH after installing {string.Join(' ', Packages)}");
        }
        finally
        {
            InProcess.Release();
        }
    }

    private static void Install()
    {
        var root = Environment.UserName == "root" || Run("id", ["-u"], TimeSpan.FromSeconds(10), null).Output.Trim() == "0";
        if (!root && FindOnPath("sudo") is null)
            throw Impossible("not root and sudo is not installed");
        if (FindOnPath("apt-get") is null)
            throw Impossible("apt-get is not installed (not a Debian-based system)");
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        // Wait for dpkg's own lock rather than fail when another install is under way on the machine.
        string[] install = ["-o", "DPkg::Lock::Timeout=600", "install", "-y", "-q", "--no-install-recommends", .. Packages];
        var first = AptGet(root, install, environment);
        if (first.Code == 0)
            return;
        // A fresh machine has no package lists yet.
        var update = AptGet(root, ["-o", "DPkg::Lock::Timeout=600", "update", "-q"], environment);
        if (update.Code != 0)
            throw Impossible($"apt-get update failed (exit {update.Code}):\n{Tail(update.Output)}");
        var second = AptGet(root, install, environment);
        if (second.Code != 0)
            throw Impossible($"apt-get install failed (exit {second.Code}):\n{Tail(second.Output)}");
    }

    private static (int Code, string Output) AptGet(bool root, string[] arguments, Dictionary<string, string> environment) =>
        root
            ? Run("apt-get", arguments, TimeSpan.FromMinutes(15), environment)
            // -n: never ask for a password (a test cannot type one); the failure message says what to do instead.
            : Run("sudo", ["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", .. arguments], TimeSpan.FromMinutes(15), environment);

    private static InvalidOperationException Impossible(string why) => new(
        $"chromium (or the DejaVu fonts) is missing and could not be installed: {why}. " +
        $"Install it yourself: sudo apt-get install -y {string.Join(' ', Packages)}");

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(15));

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);

    private static (int Code, string Output) Run(string file, string[] arguments, TimeSpan timeout, Dictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? [])
            start.Environment[key] = value;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, $"{file}: {e.Message}");
        }

        using (process)
        {
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{file} took more than {timeout.TotalMinutes:0} min");
            }

            process.WaitForExit();
            lock (output)
                return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }

    /// <summary>An exclusive lock on <see cref="LockPath"/>, held by this process until disposed.</summary>
    private static async Task<FileStream> CrossProcessLock()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromMinutes(20))
            {
                await Task.Delay(200);
            }
        }
    }
}

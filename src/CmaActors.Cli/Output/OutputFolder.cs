namespace CmaActors.Cli.Output;

/// <summary>
/// Checks the output folder before a run starts, so that a bad folder fails fast and no result is half-written: the
/// folder is not a file, the files a run writes are not folders in it (nor its folders files), and it can be written.
/// Nothing is created here: the folder appears only when the run's files are written, so a run that fails leaves no
/// empty folder behind.
/// </summary>
public static class OutputFolder
{
    /// <summary>The files a run writes at the top of its folder.</summary>
    public static IReadOnlyList<string> RunFiles { get; } = ["results.json", "report.md", "report.html", "lock_stat", "trace.json"];

    /// <summary>The folders a run writes in its folder.</summary>
    public static IReadOnlyList<string> RunFolders { get; } = ["proc"];

    /// <summary>Checks <paramref name="folder"/> for a run's files (and <paramref name="subfolders"/>, each holding a run's files); returns the path of <paramref name="file"/> in it.</summary>
    /// <exception cref="CliInputException">The folder is a file, holds a folder where a file goes (or the reverse), or cannot be written.</exception>
    public static string Prepare(string folder, string file, IEnumerable<string>? subfolders = null)
    {
        try
        {
            if (File.Exists(folder))
                throw Problem(folder, "is a file, not a folder");
            var full = Path.GetFullPath(folder);
            if (Directory.Exists(full))
            {
                CheckRunEntries(folder, full);
                foreach (var sub in subfolders ?? [])
                {
                    var path = Path.Combine(full, sub);
                    if (File.Exists(path))
                        throw Problem(folder, $"'{sub}' in it is a file, and the run writes a folder of that name");
                    if (Directory.Exists(path))
                        CheckRunEntries(folder, path);
                }
            }

            CheckWritable(folder, full);
            return Path.Combine(folder, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Problem(folder, e.Message);
        }
    }

    private static void CheckRunEntries(string folder, string path)
    {
        var prefix = Path.GetRelativePath(Path.GetFullPath(folder), path);
        string Name(string entry) => prefix == "." ? entry : Path.Combine(prefix, entry);
        foreach (var file in RunFiles)
        {
            if (Directory.Exists(Path.Combine(path, file)))
                throw Problem(folder, $"'{Name(file)}' in it is a folder, and the run writes a file of that name");
        }

        foreach (var sub in RunFolders)
        {
            if (File.Exists(Path.Combine(path, sub)))
                throw Problem(folder, $"'{Name(sub)}' in it is a file, and the run writes a folder of that name");
        }
    }

    /// <summary>The folder, or the nearest folder above it that exists, takes a new file.</summary>
    private static void CheckWritable(string folder, string full)
    {
        var existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
                throw Problem(folder, $"'{existing}' is a file, so the folder cannot be created");
            existing = Path.GetDirectoryName(existing) ?? throw Problem(folder, "has no folder above it that exists");
        }

        var probe = Path.Combine(existing, $".cma-actors-probe.{Environment.ProcessId}.tmp");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Problem(folder, existing == full ? "cannot be written (permission denied)" : $"cannot be created: '{existing}' cannot be written (permission denied)");
        }
        finally
        {
            if (File.Exists(probe))
                File.Delete(probe);
        }
    }

    private static CliInputException Problem(string folder, string problem) => new($"--out {folder}: {problem}");
}

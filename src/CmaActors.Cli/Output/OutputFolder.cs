namespace CmaActors.Cli.Output;

/// <summary>Checks the output folder before a run starts, so that a bad folder fails fast and no result is half-written.</summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="folder"/> if needed; returns the path of <paramref name="file"/> in it.</summary>
    /// <exception cref="CliInputException">The folder cannot be created or is a file.</exception>
    public static string Prepare(string folder, string file)
    {
        try
        {
            if (File.Exists(folder))
                throw new CliInputException($"--out {folder}: is a file, not a folder");
            Directory.CreateDirectory(folder);
            return Path.Combine(folder, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"--out {folder}: {e.Message}");
        }
    }
}

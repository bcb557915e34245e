using System.Text;

namespace CmaActors.Emulator.Reports;

/// <summary>
/// The files of one run's output, rendered in memory first and then written together: each goes to a temporary file
/// beside its final place, and only when every one of them is on disk are they renamed into place. A failure before
/// that deletes the temporaries, so the folder keeps what it had and no file is ever half-written.
/// </summary>
public sealed class OutputBundle
{
    private readonly List<(string Path, byte[] Content)> _files = [];

    /// <summary>Relative paths of the files, in the order added.</summary>
    public IReadOnlyList<string> Paths => _files.Select(f => f.Path).ToList();

    /// <summary>Adds a text file (UTF-8, no byte order mark) at <paramref name="relativePath"/> ('/' separates folders).</summary>
    public OutputBundle Add(string relativePath, string text) => Add(relativePath, Encoding.UTF8.GetBytes(text));

    /// <summary>Adds a file at <paramref name="relativePath"/>.</summary>
    public OutputBundle Add(string relativePath, byte[] content)
    {
        if (Path.IsPathRooted(relativePath) || relativePath.Split('/').Any(p => p is "" or "." or ".."))
            throw new ArgumentException($"not a plain relative path: {relativePath}", nameof(relativePath));
        if (_files.Any(f => f.Path == relativePath))
            throw new ArgumentException($"added twice: {relativePath}", nameof(relativePath));
        _files.Add((relativePath, content));
        return this;
    }

    /// <summary>The content of a file added earlier.</summary>
    public byte[] Content(string relativePath) => _files.First(f => f.Path == relativePath).Content;

    /// <summary>Writes every file under <paramref name="folder"/>; returns their full paths.</summary>
    public IReadOnlyList<string> WriteTo(string folder)
    {
        var root = Path.GetFullPath(folder);
        var staged = new List<(string Temporary, string Final)>();
        var created = new List<string>();
        var done = false;
        try
        {
            foreach (var (relative, content) in _files)
            {
                var final = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
                var directory = Path.GetDirectoryName(final)!;
                for (var d = directory; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d))
                    created.Add(d);
                Directory.CreateDirectory(directory);
                var temporary = Path.Combine(directory, $".{Path.GetFileName(final)}.{Environment.ProcessId}.tmp");
                staged.Add((temporary, final));
                File.WriteAllBytes(temporary, content);
            }

            foreach (var (temporary, final) in staged)
                File.Move(temporary, final, overwrite: true);
            done = true;
            return staged.Select(s => s.Final).ToList();
        }
        finally
        {
            foreach (var (temporary, _) in staged)
                if (File.Exists(temporary))
                    File.Delete(temporary);
            // A failed write leaves no folder it created behind (deepest first; only those left empty).
            if (!done)
            {
                foreach (var d in created.Distinct().OrderByDescending(d => d.Length))
                    if (Directory.Exists(d) && !Directory.EnumerateFileSystemEntries(d).Any())
                        Directory.Delete(d);
            }
        }
    }
}

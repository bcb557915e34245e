using System.Text;
using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Sweeps;

/// <summary>
/// A sweep's folder: runs.jsonl holds one line per finished run, appended (and flushed) as each run ends, so a sweep
/// stopped midway loses only the runs in progress; a rerun reads the complete lines back and skips those runs. The
/// merged files (sweep.json, report.md, report.html) are written together at the end, all or nothing.
/// </summary>
public sealed class SweepRunStore : IDisposable
{
    /// <summary>Name of the run lines' file.</summary>
    public const string RunsFile = "runs.jsonl";

    private readonly StreamWriter _writer;

    private SweepRunStore(string folder, IReadOnlyList<SweepRunLine> existing, StreamWriter writer)
    {
        Folder = folder;
        Existing = existing;
        _writer = writer;
    }

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <summary>The complete lines the file held when opened (any sweep's: a merge keeps the ones of its designs).</summary>
    public IReadOnlyList<SweepRunLine> Existing { get; }

    /// <summary>
    /// Opens the folder's runs.jsonl (created if missing). A line cut short by a stopped sweep is dropped: the file is
    /// rewritten with the complete lines first.
    /// </summary>
    public static SweepRunStore Open(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, RunsFile);
        var texts = File.Exists(path) ? File.ReadAllLines(path) : [];
        var lines = texts.Select(t => (Text: t, Line: SweepRunLine.TryParse(t))).ToList();
        var complete = lines.Where(l => l.Line is not null).ToList();
        var endsWithNewline = !File.Exists(path) || new FileInfo(path).Length == 0 || File.ReadAllBytes(path)[^1] == (byte)'\n';
        if (complete.Count != lines.Count || !endsWithNewline)
        {
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, string.Concat(complete.Select(l => l.Text + "\n")), new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }

        var writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
        return new SweepRunStore(folder, complete.Select(l => l.Line!).ToList(), writer);
    }

    /// <summary>Appends a finished run's line and flushes it to disk.</summary>
    public void Append(SweepRunLine line)
    {
        _writer.Write(line.ToJson());
        _writer.Write('\n');
        _writer.Flush();
    }

    /// <summary>Writes sweep.json, report.md and report.html together; returns their paths.</summary>
    public IReadOnlyList<string> WriteReport(SweepReport report) => Outputs(report).WriteTo(Folder);

    /// <summary>The merged files of a sweep.</summary>
    public static OutputBundle Outputs(SweepReport report) => new OutputBundle()
        .Add("sweep.json", ResultsJson.Serialize(report))
        .Add("report.md", SweepMarkdown.Render(report))
        .Add("report.html", SweepHtml.Render(report));

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}

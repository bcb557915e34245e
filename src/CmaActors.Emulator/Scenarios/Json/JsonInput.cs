using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CmaActors.Emulator.Scenarios.Json;

/// <summary>
/// Reads scenario and replay files as JSON: at most <see cref="MaxBytes"/> (so <c>/dev/zero</c> or a 1 GiB file is
/// refused at once), strict UTF-8, comments and trailing commas allowed, no member given twice. Every problem is a
/// <see cref="ScenarioError"/> with the file, the JSON path and the line.
/// </summary>
public static partial class JsonInput
{
    /// <summary>The largest file read: 16 MiB (the built-in scenarios are 1 to 4 KiB).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The options a document is parsed with.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <summary>The bytes of <paramref name="path"/>, at most <see cref="MaxBytes"/>.</summary>
    /// <exception cref="ScenarioException">The file cannot be read or is too large.</exception>
    public static byte[] ReadFile(string path)
    {
        try
        {
            if (Directory.Exists(path))
                throw Error(path, "is a folder, not a file");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
            var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBytes)
                    throw Error(path, $"is larger than {MaxBytes / (1024 * 1024)} MiB: not a scenario (nothing more was read)");
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Error(path, "no such file");
        }
        catch (UnauthorizedAccessException)
        {
            throw Error(path, "cannot read the file: permission denied");
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw Error(path, $"cannot read the file: {e.Message}");
        }
    }

    /// <summary><paramref name="utf8"/> without its UTF-8 byte order mark, if it has one.</summary>
    public static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> utf8) =>
        utf8.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? utf8[3..] : utf8;

    /// <summary>Parses <paramref name="utf8"/> (named <paramref name="source"/> in errors) into a document.</summary>
    /// <exception cref="ScenarioException">Too large, not UTF-8, or not JSON.</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, string source)
    {
        if (utf8.Length > MaxBytes)
            throw Error(source, $"is larger than {MaxBytes / (1024 * 1024)} MiB: not a scenario");
        utf8 = WithoutBom(utf8);
        var bytes = utf8.Span;

        if (InvalidUtf8At(bytes) is { } bad)
            throw new ScenarioException([new ScenarioError(source, "$", $"is not valid UTF-8 text (byte {bad + 1} is not part of a UTF-8 character)", LineAt(bytes, bad))]);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ScenarioException([new ScenarioError(source, "$", $"invalid JSON: {SyntaxProblem(e.Message)}", e.LineNumber is { } l ? l + 1 : null)]);
        }

        return document;
    }

    /// <summary>Refuses a document in which some object gives a member twice (the shape check reports these with every other problem).</summary>
    /// <exception cref="ScenarioException">A member is given twice.</exception>
    public static void RefuseDuplicates(JsonElement root, string source, ReadOnlySpan<byte> utf8)
    {
        var twice = new List<ScenarioError>();
        Duplicates(root, "$", source, twice);
        if (twice.Count == 0)
            return;
        var lines = PathLines.Build(utf8);
        throw new ScenarioException(twice.Select(t => t with { Line = lines.LineOf(t.JsonPath) }).ToList());
    }

    private static void Duplicates(JsonElement e, string path, string source, List<ScenarioError> errors)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in e.EnumerateObject())
            {
                var at = JsonShape.Member(path, member.Name);
                if (!seen.Add(member.Name))
                    errors.Add(new ScenarioError(source, at, $"'{ScenarioError.Quote(member.Name)}' is given twice in this object"));
                Duplicates(member.Value, at, source, errors);
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in e.EnumerateArray())
                Duplicates(item, JsonShape.Element(path, i++), source, errors);
        }
    }

    private static ScenarioException Error(string source, string problem) => new([new ScenarioError(source, "$", problem)]);

    private static int? InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
            return null;
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
                return offset;
            offset += consumed;
        }

        return null;
    }

    /// <summary>The 1-based line of byte <paramref name="offset"/>.</summary>
    internal static long LineAt(ReadOnlySpan<byte> bytes, long offset) => bytes[..(int)Math.Min(offset, bytes.Length)].Count((byte)'\n') + 1;

    /// <summary>The serializer's syntax message in plain words, without its internals.</summary>
    internal static string SyntaxProblem(string message)
    {
        var m = LineInfo().Replace(message, "").Trim();
        if (m.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
            return "the text is empty (expected an object)";
        if (m.Contains("Expected depth to be zero", StringComparison.Ordinal) || m.Contains("isFinalBlock", StringComparison.Ordinal))
            return "the text ends before every object, array or string in it is closed";
        if (m.Contains("maximum configured depth", StringComparison.Ordinal))
            return "objects and arrays are nested more than 64 deep";
        if (Sentence().Match(m) is { Success: true } first)
            m = first.Value;
        return m.Replace("JSON ", "", StringComparison.Ordinal).TrimEnd('.');
    }

    [GeneratedRegex(@"\s*(Path: \S*\s*\|?\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex LineInfo();

    [GeneratedRegex(@"^.*?\.(?=\s|$)")]
    private static partial Regex Sentence();
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace CmaActors.Emulator.Scenarios.Json;

/// <summary>The line on which each JSON path of a document starts, so errors found on the parsed document can name the line.</summary>
public sealed partial class PathLines
{
    private readonly Dictionary<string, long> _lines = new(StringComparer.Ordinal);

    private PathLines()
    {
    }

    /// <summary>No lines: a document built in memory.</summary>
    public static PathLines None { get; } = new();

    /// <summary>Indexes <paramref name="utf8"/>, a document that parsed.</summary>
    public static PathLines Build(ReadOnlySpan<byte> utf8)
    {
        var index = new PathLines();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new Stack<(string Path, bool Array, int Next)>();
        string? member = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        member = JsonShape.Member(frames.Peek().Path, reader.GetString()!);
                        index.Record(member, utf8, reader.TokenStartIndex);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    default:
                        var path = ValuePath(frames, member);
                        index.Record(path, utf8, reader.TokenStartIndex);
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                            frames.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Only documents that parsed are indexed; a partial index still serves the lines before the problem.
        }

        return index;
    }

    private static string ValuePath(Stack<(string Path, bool Array, int Next)> frames, string? member)
    {
        if (frames.Count == 0)
            return "$";
        var top = frames.Pop();
        frames.Push(top with { Next = top.Next + 1 });
        return top.Array ? JsonShape.Element(top.Path, top.Next) : member!;
    }

    private void Record(string path, ReadOnlySpan<byte> utf8, long offset) =>
        _lines.TryAdd(path, JsonInput.LineAt(utf8, offset));

    /// <summary>The line of <paramref name="path"/>, or of its nearest enclosing value; null without an index.</summary>
    public long? LineOf(string path)
    {
        if (_lines.Count == 0)
            return null;
        while (true)
        {
            if (_lines.TryGetValue(path, out var line))
                return line;
            var parent = LastSegment().Replace(path, "");
            if (parent == path || parent.Length == 0)
                return null;
            path = parent;
        }
    }

    [GeneratedRegex(@"(\.[A-Za-z0-9_$]+|\[\d+\]|\['(?:[^'\\]|\\.)*'\])$")]
    private static partial Regex LastSegment();
}

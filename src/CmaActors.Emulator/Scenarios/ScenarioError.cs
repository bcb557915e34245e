namespace CmaActors.Emulator.Scenarios;

/// <summary>One problem in a scenario: where (file and JSON path) and what is wrong.</summary>
public sealed record ScenarioError(string Source, string JsonPath, string Problem, long? Line = null)
{
    /// <summary>Longest piece of the file's own text quoted in a message.</summary>
    public const int QuoteLength = 80;

    /// <summary>
    /// Text from the file (a name, a value) as a message quotes it: on one line (control characters written as
    /// <c>\uXXXX</c>) and cut after <see cref="QuoteLength"/> characters.
    /// </summary>
    public static string Quote(string text)
    {
        var cut = text.Length > QuoteLength ? text[..QuoteLength] : text;
        var sb = new System.Text.StringBuilder(cut.Length + 8);
        foreach (var c in cut)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
                sb.Append($"\\u{(int)c:X4}");
            else
                sb.Append(c);
        }

        return text.Length > QuoteLength ? sb.Append('…').ToString() : sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() =>
        Line is { } line ? $"{Source}: {JsonPath}: {Problem} (line {line})" : $"{Source}: {JsonPath}: {Problem}";
}

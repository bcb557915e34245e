using System.Globalization;
using System.Text.RegularExpressions;

namespace CmaActors.Cli;

/// <summary>
/// The command line's parse errors in the user's words: a value of the wrong kind is named with its option and the
/// kind of value expected, where the parser names a .NET type.
/// </summary>
public static partial class ParseErrorText
{
    /// <summary>The message to show for the parser's <paramref name="message"/>.</summary>
    public static string For(string message)
    {
        var match = CannotParse().Match(message);
        if (!match.Success)
            return message;
        var value = match.Groups["value"].Value;
        var shown = value.Length == 0 || value.Any(char.IsWhiteSpace) ? $"'{value}'" : value;
        return $"{match.Groups["name"].Value} {shown}: expected {Kind(match.Groups["type"].Value, value)}";
    }

    private static string Kind(string type, string value)
    {
        if (type.Contains("Int32", StringComparison.Ordinal))
            return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                ? $"a whole number from {int.MinValue} to {int.MaxValue}"
                : "a whole number";
        if (type.Contains("Int64", StringComparison.Ordinal))
            return "a whole number";
        if (type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) ||
            type.Contains("Decimal", StringComparison.Ordinal))
            return "a number";
        if (type.Contains("Boolean", StringComparison.Ordinal))
            return "true or false";
        return "another kind of value";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace CmaActors.Cli;

/// <summary>Reads durations given on the command line: 90 (seconds), 90s, 500ms, 10m, 1h, 1.5m.</summary>
public static partial class DurationText
{
    /// <summary>The duration <paramref name="text"/> gives, in seconds.</summary>
    /// <exception cref="CliInputException">It is not a duration, or not above zero.</exception>
    public static double Seconds(string option, string text, bool allowZero = false)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new CliInputException($"{option} '{text}': expected a duration such as 90, 90s, 500ms, 10m or 1h");
        var seconds = value * match.Groups["unit"].Value switch
        {
            "ms" => 0.001,
            "m" => 60,
            "h" => 3_600,
            _ => 1,
        };
        if (seconds < 0 || (!allowZero && seconds == 0) || seconds > 86_400)
            throw new CliInputException($"{option} '{text}': must be {(allowZero ? "at least 0" : "above 0")} and at most 24 h");
        return seconds;
    }

    [GeneratedRegex(@"^(?<n>[0-9]+(\.[0-9]+)?)(?<unit>ms|s|m|h)?$")]
    private static partial Regex Pattern();
}

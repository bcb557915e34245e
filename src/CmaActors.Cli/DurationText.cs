using System.Globalization;
using System.Text.RegularExpressions;

namespace CmaActors.Cli;

/// <summary>
/// Reads every time given on the command line, in one convention: a number with a unit — 120us (or 120µs), 500ms, 90s,
/// 10m, 1h — or a bare number, which is seconds (90 = 90s).
/// </summary>
public static partial class DurationText
{
    /// <summary>The duration <paramref name="text"/> gives, in seconds.</summary>
    /// <exception cref="CliInputException">It is not a duration, or not above zero.</exception>
    public static double Seconds(string option, string text, bool allowZero = false)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new CliInputException($"{option} '{text}': expected a time such as 90s, 500ms, 120us, 10m, 1h (a bare number is seconds)");
        var seconds = value * match.Groups["unit"].Value switch
        {
            "us" or "µs" => 0.000_001,
            "ms" => 0.001,
            "m" => 60,
            "h" => 3_600,
            _ => 1,
        };
        if (seconds < 0 || (!allowZero && seconds == 0) || seconds > 86_400)
            throw new CliInputException($"{option} '{text}': must be {(allowZero ? "at least 0" : "above 0")} and at most 24 h");
        return seconds;
    }

    /// <summary>The time <paramref name="text"/> gives, in nanoseconds.</summary>
    /// <exception cref="CliInputException">It is not a time, or not above zero.</exception>
    public static long Nanoseconds(string option, string text, bool allowZero = false) =>
        (long)Math.Round(Seconds(option, text, allowZero) * 1e9);

    [GeneratedRegex(@"^(?<n>[0-9]+(\.[0-9]+)?)(?<unit>us|µs|ms|s|m|h)?$")]
    private static partial Regex Pattern();
}

using System.Globalization;

namespace CmaActors.Emulator.Reports;

/// <summary>Counted nouns and indefinite articles in report and console text: "1 page", "2 pages", "an Isolate pageblock".</summary>
public static class Words
{
    /// <summary>
    /// <paramref name="count"/> (with thousands separators) and the noun, singular for exactly one:
    /// <c>Count(1, "page")</c> is "1 page", <c>Count(1154, "schedule")</c> "1,154 schedules".
    /// </summary>
    public static string Count(long count, string singular, string? plural = null) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + Noun(count, singular, plural);

    /// <summary>The noun alone, singular for exactly one (plural: <paramref name="plural"/>, or the singular and "s").</summary>
    public static string Noun(long count, string singular, string? plural = null) => count == 1 ? singular : plural ?? singular + "s";

    /// <summary>"a" or "an" before <paramref name="word"/>, by its first sound: "an Isolate", "a Movable", "an 8.0", "an 11".</summary>
    public static string A(string word) => (StartsWithVowelSound(word) ? "an " : "a ") + word;

    private static bool StartsWithVowelSound(string word)
    {
        if (word.Length == 0)
            return false;
        if ("aeiouAEIOU".Contains(word[0], StringComparison.Ordinal))
            return true;
        if (word[0] == '8')
            return true;
        // "eleven", "eighteen" and their thousands: 11, 18, 11,000, 18,500, 11 000 000...
        var digits = word.TakeWhile(c => char.IsAsciiDigit(c) || c == ',').Count(char.IsAsciiDigit);
        return (word.StartsWith("11", StringComparison.Ordinal) || word.StartsWith("18", StringComparison.Ordinal)) && digits % 3 == 2;
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CmaActors.Emulator.Exploration;

/// <summary>
/// Prints a traced schedule as a numbered interleaving with one column per CPU: each row is one delivery, in the
/// column of the CPU that ran it. Rows a minimised schedule forced are marked <c>*</c> (the schedule switched to this
/// actor there) or <c>~</c> (this message was delivered after messages sent later).
/// </summary>
public static partial class Interleaving
{
    /// <summary>The legend printed under an interleaving.</summary>
    public const string Legend = "* = forced switch to this actor   ~ = message delivered after later ones (forced delay)";

    /// <summary>The text of <paramref name="deliveries"/> on a machine of <paramref name="cpus"/> CPUs, each column <paramref name="width"/> wide.</summary>
    public static IReadOnlyList<string> Format(IReadOnlyList<TracedDelivery> deliveries, int cpus, int width = 62)
    {
        var lines = new List<string>();
        var number = Math.Max(3, deliveries.Count.ToString(CultureInfo.InvariantCulture).Length);
        var header = new StringBuilder().Append(' ', number + 3);
        for (var cpu = 0; cpu < cpus; cpu++)
            header.Append($"CPU {cpu}".PadRight(width));
        lines.Add(header.ToString().TrimEnd());
        for (var i = 0; i < deliveries.Count; i++)
        {
            var d = deliveries[i];
            var mark = d.Forced ? '*' : d.Delayed ? '~' : ' ';
            var row = new StringBuilder();
            row.Append((i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(number)).Append(' ').Append(mark).Append(' ');
            var column = Math.Clamp(d.Cpu, 0, cpus - 1);
            row.Append(' ', column * width);
            var text = d.From == d.To ? $"{d.To}: {Compact(d.Message)}" : $"{d.From} → {d.To}: {Compact(d.Message)}";
            row.Append(column == cpus - 1 || text.Length < width - 1 ? text : text[..(width - 2)] + "…");
            lines.Add(row.ToString().TrimEnd());
        }

        return lines;
    }

    /// <summary>A message's text (<see cref="Running.MessageText"/>) made short: "Name(a = 1, b = 2)" for records.</summary>
    public static string Compact(string message)
    {
        message = EmptyRecord().Replace(message, "");
        message = RecordOpen().Replace(message, "(");
        return RecordClose().Replace(message, ")");
    }

    [GeneratedRegex(@" \{ \}")]
    private static partial Regex EmptyRecord();

    [GeneratedRegex(@" \{ ")]
    private static partial Regex RecordOpen();

    [GeneratedRegex(@" \}")]
    private static partial Regex RecordClose();
}

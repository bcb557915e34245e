using System.Globalization;

namespace CmaActors.Emulator.Reports;

/// <summary>Number formats shared by the reports (invariant culture).</summary>
public static class Units
{
    /// <summary>An integer with thousands separators.</summary>
    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Nanoseconds as microseconds with two decimals (lock_stat's unit).</summary>
    public static string Us(long ns) => (ns / 1e3).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds, with fewer decimals as they grow.</summary>
    public static string Ms(double ms) => ms.ToString(ms < 10 ? "0.000" : ms < 1000 ? "0.0" : "N0", CultureInfo.InvariantCulture);

    /// <summary>Nanoseconds as seconds with three decimals.</summary>
    public static string Seconds(long ns) => (ns / 1e9).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A CPU number as "cpu2", or "-" when none.</summary>
    public static string Cpu(int cpu) => cpu >= 0 ? $"cpu{cpu}" : "-";
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Reports.Charts;
using CmaActors.Emulator.Tracing;

namespace CmaActors.Cli.Commands;

/// <summary>
/// <c>cma-actors timeline TRACE.json --out PICTURE.png</c>: draws a window of a trace in the layout of Perfetto's
/// timeline (counters, a row per thread track under its process, slices, flow arrows), for documents and reviews.
/// </summary>
public static class TimelineCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var trace = new Argument<string>("trace") { Description = "A trace.json written by 'run --out' (any Chrome trace event file)" };
        var outFile = new Option<string>("--out") { Description = "The PNG to write", Required = true };
        var from = new Option<string?>("--from") { Description = "Start of the window in the trace's time, e.g. 2s or 2000ms (default: the first slice)" };
        var span = new Option<string>("--span") { Description = "Length of the window, e.g. 2ms or 120us", DefaultValueFactory = _ => "2ms" };
        var width = new Option<int>("--width") { Description = "Picture width in pixels", DefaultValueFactory = _ => 1600 };
        var tracks = new Option<int>("--tracks") { Description = "At most this many thread tracks, the busiest", DefaultValueFactory = _ => 40 };
        var command = new Command("timeline", "Draw a window of a trace.json in Perfetto's timeline layout, as a PNG")
        {
            trace, outFile, from, span, width, tracks,
        };
        command.SetAction(parse => Execute(output, parse.GetValue(trace)!, parse.GetValue(outFile)!,
            parse.GetValue(from) is { } f ? DurationText.Seconds("--from", f, allowZero: true) * 1e3 : null,
            DurationText.Seconds("--span", parse.GetValue(span) ?? "2ms") * 1e3, parse.GetValue(width), parse.GetValue(tracks)));
        return command;
    }

    private static int Execute(CliOutput output, string tracePath, string outFile, double? fromMs, double spanMs, int width, int maxTracks)
    {
        if (width < 600)
            throw new CliInputException($"--width {width}: must be at least 600 pixels");
        if (maxTracks < 1)
            throw new CliInputException($"--tracks {maxTracks}: must be at least 1");
        TraceFile file;
        try
        {
            using var stream = File.OpenRead(tracePath);
            file = ChromeTraceReader.Read(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{tracePath}: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new CliInputException($"{tracePath}: {e.Path ?? "$"}: {e.Message}");
        }

        if (file.Slices.Count == 0)
            throw new CliInputException($"{tracePath}: the trace has no slices to draw");
        var fromUs = fromMs is { } ms ? ms * 1e3 : file.Slices.Min(s => s.Ts);
        if (OutsideWarning(file, fromUs, spanMs * 1e3, width) is { } warning)
            output.Err.WriteLine($"warning: {warning}");
        var title = string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(tracePath)}: {fromUs / 1e3:0.###} ms to {(fromUs + spanMs * 1e3) / 1e3:0.###} ms (Perfetto-style layout)");
        var png = TraceTimelineChart.Render(file, fromUs, spanMs * 1e3, width, maxTracks, title);
        var full = Path.GetFullPath(outFile);
        new OutputBundle().Add(Path.GetFileName(full), png).WriteTo(Path.GetDirectoryName(full)!);
        output.Out.WriteLine($"timeline: {outFile}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// What is wrong with a window that does not lie within the trace's slices, or null when it does: a window that
    /// reaches past the slices by less than a pixel of the picture shows nothing empty.
    /// </summary>
    private static string? OutsideWarning(TraceFile file, double fromUs, double spanUs, int width)
    {
        var firstUs = file.Slices.Min(s => s.Ts);
        var lastUs = file.Slices.Max(s => s.Ts + s.Dur);
        var toUs = fromUs + spanUs;
        var window = $"the window {Time(fromUs)} to {Time(toUs)}";
        var trace = $"the trace's slices run from {Time(firstUs)} to {Time(lastUs)}";
        if (toUs <= firstUs || fromUs >= lastUs)
            return $"{window} is outside the trace ({trace}): the picture shows no slice";
        var pixelUs = spanUs / width;
        if (firstUs - fromUs >= pixelUs || toUs - lastUs >= pixelUs)
            return $"{window} reaches outside the trace ({trace}): part of the picture is empty";
        return null;
    }

    private static string Time(double us) => us >= 1e6
        ? string.Create(CultureInfo.InvariantCulture, $"{us / 1e6:0.######} s")
        : string.Create(CultureInfo.InvariantCulture, $"{us / 1e3:0.###} ms");
}

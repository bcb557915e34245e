using System.Net;
using System.Text;

namespace CmaActors.Emulator.Reports;

/// <summary>A small HTML writer: escaped text, headings, tables, preformatted blocks and embedded PNG figures.</summary>
public sealed class HtmlDocument
{
    private readonly StringBuilder _sb = new();

    /// <summary>Appends markup as is.</summary>
    public HtmlDocument Raw(string html)
    {
        _sb.Append(html);
        return this;
    }

    /// <summary>Appends <paramref name="text"/>, escaped.</summary>
    public HtmlDocument Text(string text)
    {
        _sb.Append(WebUtility.HtmlEncode(text));
        return this;
    }

    /// <summary>An element with escaped text content.</summary>
    public HtmlDocument Element(string tag, string text, string? attributes = null) =>
        Raw($"<{tag}{(attributes is null ? "" : " " + attributes)}>").Text(text).Raw($"</{tag}>\n");

    /// <summary>A paragraph of escaped text.</summary>
    public HtmlDocument Paragraph(string text, string? cssClass = null) => Element("p", text, cssClass is null ? null : $"class=\"{cssClass}\"");

    /// <summary>
    /// A table: header cells, then rows of cells (escaped); columns from <paramref name="numericFrom"/> on are right-aligned.
    /// </summary>
    public HtmlDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, int numericFrom = 1, string? caption = null)
    {
        Raw("<table>");
        if (caption is not null)
            Raw("<caption>").Text(caption).Raw("</caption>");
        Raw("<thead><tr>");
        for (var i = 0; i < headers.Count; i++)
            Raw(i >= numericFrom ? "<th class=\"n\">" : "<th>").Text(headers[i]).Raw("</th>");
        Raw("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            Raw("<tr>");
            for (var i = 0; i < row.Count; i++)
                Raw(i >= numericFrom ? "<td class=\"n\">" : "<td>").Text(row[i]).Raw("</td>");
            Raw("</tr>\n");
        }

        return Raw("</tbody></table>\n");
    }

    /// <summary>A preformatted block (escaped).</summary>
    public HtmlDocument Pre(string text) => Raw("<pre>").Text(text).Raw("</pre>\n");

    /// <summary>A figure: the PNG embedded as a data URI, with its caption; <paramref name="kind"/> names the chart for tests.</summary>
    public HtmlDocument Figure(byte[] png, string kind, string caption, int width) =>
        Raw($"<figure><img class=\"chart\" data-chart=\"{WebUtility.HtmlEncode(kind)}\" width=\"{width}\" alt=\"{WebUtility.HtmlEncode(caption)}\" " +
            $"src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"><figcaption>")
            .Text(caption)
            .Raw("</figcaption></figure>\n");

    /// <summary>The document so far.</summary>
    public override string ToString() => _sb.ToString();
}

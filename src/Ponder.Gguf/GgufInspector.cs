using System.Globalization;
using System.Text;

namespace Ponder.Gguf;

/// <summary>Renders a GGUF file as text: header, metadata (long arrays summarised) and the tensor table.</summary>
public static class GgufInspector
{
    const int ArrayPreview = 8;
    const int StringPreview = 120;
    // Columns are padded to the longest name up to this width only: padding every row to one huge name
    // would make the output quadratic in the file size.
    const int MaxColumnWidth = 64;

    public static string Describe(GgufFile file)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{file.Path}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"GGUF v{file.Version}, {file.FileLength:N0} bytes, {file.Metadata.Count} metadata keys, {file.Tensors.Count} tensors, alignment {file.Alignment}, data at offset {file.DataOffset}");
        sb.AppendLine();
        sb.AppendLine("metadata:");
        var keyWidth = Math.Min(MaxColumnWidth, file.Metadata.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max());
        foreach (var (key, value) in file.Metadata)
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {key.PadRight(keyWidth)}  {TypeName(value)}  {Render(value)}");
        sb.AppendLine();
        sb.AppendLine("tensors:");
        var nameWidth = Math.Clamp(file.Tensors.Select(t => t.Name.Length).DefaultIfEmpty(0).Max(), 4, MaxColumnWidth);
        sb.AppendLine(CultureInfo.InvariantCulture, $"  {"name".PadRight(nameWidth)}  {"type",-5}  {"shape",-20}  {"offset",12}  {"bytes",12}");
        foreach (var t in file.Tensors)
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {t.Name.PadRight(nameWidth)}  {t.Type,-5}  {t.ShapeText,-20}  {file.DataOffset + t.Offset,12}  {t.ByteSize,12}");
        var byType = file.Tensors.GroupBy(t => t.Type).Select(g => $"{g.Count()} {g.Key}");
        var elements = file.Tensors.Sum(t => t.ElementCount);
        sb.AppendLine(CultureInfo.InvariantCulture, $"  {file.Tensors.Count} tensors ({string.Join(", ", byType)}), {elements:N0} parameters");
        return sb.ToString();
    }

    static string TypeName(GgufValue v) =>
        v.Value is GgufArray a ? $"{a.ElementType}[{a.Count}]".PadRight(15) : v.Type.ToString().PadRight(15);

    static string Render(GgufValue v) => v.Value switch
    {
        GgufArray a => RenderArray(a),
        string s => Quote(s),
        _ => v.ToString(),
    };

    static string RenderArray(GgufArray a)
    {
        var items = a.Items.Cast<object>().Take(ArrayPreview).Select(o => o switch
        {
            string s => Quote(s),
            GgufArray inner => $"{inner.ElementType}[{inner.Count}]",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => o.ToString() ?? "",
        });
        var more = a.Count > ArrayPreview ? $", … {a.Count - ArrayPreview} more" : "";
        return $"[{string.Join(", ", items)}{more}]";
    }

    static string Quote(string s)
    {
        var escaped = new StringBuilder();
        foreach (var c in s.Length > StringPreview ? s[..StringPreview] : s)
            escaped.Append(c switch { '\n' => "\\n", '\t' => "\\t", '\r' => "\\r", '"' => "\\\"", _ when char.IsControl(c) => $"\\u{(int)c:X4}", _ => c.ToString() });
        return s.Length > StringPreview ? $"\"{escaped}…\" ({s.Length} chars)" : $"\"{escaped}\"";
    }
}

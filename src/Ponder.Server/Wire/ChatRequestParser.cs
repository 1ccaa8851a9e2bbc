using System.Text.Json;
using Ponder.Reasoning;
using Ponder.Reasoning.Profiles;
using Ponder.Server.Errors;

namespace Ponder.Server.Wire;

/// <summary>Turns the request body into a <see cref="ChatCompletionRequest"/> at once, or throws an
/// <see cref="ApiException"/> (400) naming the parameter: malformed JSON, invalid UTF-8, nesting deeper than
/// <see cref="MaxDepth"/>, a wrong type, a number out of range, an unknown role. Unknown fields are ignored, as OpenAI does.
/// Checked by hand over a JsonDocument rather than by deserialising, so every error names the wire parameter.</summary>
public static class ChatRequestParser
{
    public const int MaxDepth = 32;
    public const int MaxStops = 4; // OpenAI's limit

    public static ChatCompletionRequest Parse(ReadOnlyMemory<byte> body, ServerOptions limits)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth }); }
        catch (JsonException e)
        {
            throw new ApiException(400, $"the body is not valid JSON: {Trim(e.Message)}", null, "invalid_json");
        }
        using (document)
        {
            try { return Read(document.RootElement, limits); }
            catch (InvalidOperationException e) // a string that cannot be transcoded (lone surrogate escapes)
            {
                throw new ApiException(400, $"the body holds a string that is not valid Unicode: {Trim(e.Message)}", null, "invalid_json");
            }
        }
    }

    static ChatCompletionRequest Read(JsonElement root, ServerOptions limits)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new ApiException(400, $"the body must be a JSON object, not {Kind(root)}.", null, "invalid_json");

        var model = Prop(root, "model") is { } m ? String(m, "model") : throw Missing("model", "the model to use (see GET /v1/models)");
        var messages = Messages(root, limits);

        var stream = Bool(root, "stream") ?? false;
        var includeUsage = false;
        if (Prop(root, "stream_options") is { } so)
        {
            Expect(so, JsonValueKind.Object, "stream_options", "an object");
            includeUsage = Bool(so, "include_usage", "stream_options.include_usage") ?? false;
        }

        var maxCompletion = Int(root, "max_completion_tokens", 1, limits.MaxTokensPerRequest);
        var maxTokens = Int(root, "max_tokens", 1, limits.MaxTokensPerRequest);
        var temperature = Number(root, "temperature", 0, 2);
        var topP = Number(root, "top_p", 0, 1);
        var seed = Seed(root);
        var stop = Stop(root);
        var n = Int(root, "n", 1, limits.MaxChoices) ?? 1;
        var logprobs = Bool(root, "logprobs") ?? false;
        var topLogprobs = Int(root, "top_logprobs", 0, Engine.SamplingOptions.MaxTopLogProbs);
        if (topLogprobs is not null && !logprobs)
            throw ApiException.Invalid("top_logprobs", "top_logprobs needs logprobs set to true.");

        var effort = Prop(root, "reasoning_effort") is { } e ? String(e, "reasoning_effort") : null;
        if (effort is not null && !Efforts.Contains(effort))
            throw ApiException.Invalid("reasoning_effort", $"reasoning_effort is '{Clip(effort)}'; expected one of {string.Join(", ", Efforts)}.");

        return new ChatCompletionRequest(model, messages, stream, includeUsage, maxCompletion ?? maxTokens,
            temperature, topP, seed, stop, n, logprobs, topLogprobs, effort, Extension(root, limits));
    }

    public static readonly string[] Efforts = ["none", "minimal", "low", "medium", "high", "xhigh"];

    static List<ChatMessage> Messages(JsonElement root, ServerOptions limits)
    {
        var array = Prop(root, "messages") ?? throw Missing("messages", "an array of {role, content} messages");
        Expect(array, JsonValueKind.Array, "messages", "an array of messages");
        var count = array.GetArrayLength();
        if (count == 0) throw ApiException.Invalid("messages", "messages is empty; give at least one user message.");
        if (count > limits.MaxMessages)
            throw ApiException.Invalid("messages", $"messages has {count} entries; this server takes at most {limits.MaxMessages}.", "too_many_messages");
        var list = new List<ChatMessage>(count);
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"messages[{i++}]";
            Expect(item, JsonValueKind.Object, at, "an object with role and content");
            var roleName = Prop(item, "role") is { } r ? String(r, $"{at}.role") : throw Missing($"{at}.role", "system, user or assistant");
            var role = roleName switch
            {
                "system" or "developer" => ChatRole.System,
                "user" => ChatRole.User,
                "assistant" => ChatRole.Assistant,
                _ => throw ApiException.Invalid($"{at}.role", $"{at}.role is '{Clip(roleName)}'; this server takes system, developer, user and assistant (no tools).", "invalid_role"),
            };
            list.Add(new ChatMessage(role, Content(item, at, role)));
        }
        if (list[^1].Role != ChatRole.User)
            throw ApiException.Invalid("messages", $"the last message must be from the user (it is {list[^1].Role.ToString().ToLowerInvariant()}).");
        return list;
    }

    /// <summary>Content is a string, or an array of parts of which only text parts are taken; null only for an assistant.</summary>
    static string Content(JsonElement message, string at, ChatRole role)
    {
        var content = Prop(message, "content");
        if (content is null)
            return role == ChatRole.Assistant ? "" : throw Missing($"{at}.content", "the message text");
        var c = content.Value;
        if (c.ValueKind == JsonValueKind.String) return c.GetString()!;
        if (c.ValueKind != JsonValueKind.Array)
            throw Type($"{at}.content", "a string or an array of text parts", c);
        var text = new System.Text.StringBuilder();
        var j = 0;
        foreach (var part in c.EnumerateArray())
        {
            var pat = $"{at}.content[{j++}]";
            Expect(part, JsonValueKind.Object, pat, "a content part object");
            var type = Prop(part, "type") is { } t ? String(t, $"{pat}.type") : throw Missing($"{pat}.type", "\"text\"");
            if (type != "text")
                throw ApiException.Invalid($"{pat}.type", $"{pat}.type is '{Clip(type)}'; this server reads text parts only.", "unsupported_content");
            text.Append(Prop(part, "text") is { } s ? String(s, $"{pat}.text") : throw Missing($"{pat}.text", "the part's text"));
        }
        return text.ToString();
    }

    static PonderExtension? Extension(JsonElement root, ServerOptions limits)
    {
        if (Prop(root, "ponder") is not { } p) return null;
        Expect(p, JsonValueKind.Object, "ponder", "an object with mode, agents, thinking_budget");
        ReasoningMode? mode = null;
        if (Prop(p, "mode") is { } m)
            mode = String(m, "ponder.mode").ToLowerInvariant() switch
            {
                "instant" => ReasoningMode.Instant,
                "thinking" => ReasoningMode.Thinking,
                "contemplating" => ReasoningMode.Contemplating,
                var other => throw ApiException.Invalid("ponder.mode", $"ponder.mode is '{Clip(other)}'; expected instant, thinking or contemplating."),
            };
        return new PonderExtension(mode, Int(p, "agents", 1, limits.MaxAgentsPerRequest, "ponder.agents"),
            Int(p, "thinking_budget", 0, limits.MaxTokensPerRequest, "ponder.thinking_budget"));
    }

    static List<string>? Stop(JsonElement root)
    {
        if (Prop(root, "stop") is not { } s) return null;
        if (s.ValueKind == JsonValueKind.String) return NonEmpty([s.GetString()!]);
        if (s.ValueKind != JsonValueKind.Array) throw Type("stop", "a string or an array of strings", s);
        if (s.GetArrayLength() > MaxStops) throw ApiException.Invalid("stop", $"stop has {s.GetArrayLength()} strings; at most {MaxStops}.");
        if (s.GetArrayLength() == 0) return null;
        return NonEmpty(s.EnumerateArray().Select((x, i) => String(x, $"stop[{i}]")).ToList());

        static List<string> NonEmpty(List<string> stops) => stops.Any(string.IsNullOrEmpty)
            ? throw ApiException.Invalid("stop", "stop strings must not be empty.") : stops;
    }

    /// <summary>OpenAI's seed is any 64-bit integer; folded into the 32 bits the engine seeds with.</summary>
    static int? Seed(JsonElement root)
    {
        if (Prop(root, "seed") is not { } s) return null;
        if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out var v))
            throw Type("seed", "an integer between -2^63 and 2^63-1", s);
        return unchecked((int)(v ^ (v >> 32)));
    }

    // Reading one field: absent and null are the same (OpenAI treats null as "not given").

    static JsonElement? Prop(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    static bool? Bool(JsonElement obj, string name, string? param = null)
    {
        if (Prop(obj, name) is not { } v) return null;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Type(param ?? name, "a boolean", v),
        };
    }

    static int? Int(JsonElement obj, string name, int min, int max, string? param = null)
    {
        if (Prop(obj, name) is not { } v) return null;
        param ??= name;
        if (v.ValueKind != JsonValueKind.Number) throw Type(param, "an integer", v);
        if (!v.TryGetInt64(out var x) || x < min || x > max)
            throw ApiException.Invalid(param, $"{param} is {Clip(v.GetRawText())}; expected an integer from {min} to {max}.");
        return (int)x;
    }

    static float? Number(JsonElement obj, string name, double min, double max)
    {
        if (Prop(obj, name) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Number) throw Type(name, "a number", v);
        if (!v.TryGetDouble(out var x) || !double.IsFinite(x) || x < min || x > max)
            throw ApiException.Invalid(name, $"{name} is {Clip(v.GetRawText())}; expected a number from {min} to {max}.");
        return (float)x;
    }

    static string String(JsonElement v, string param) =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Type(param, "a string", v);

    static void Expect(JsonElement v, JsonValueKind kind, string param, string what)
    {
        if (v.ValueKind != kind) throw Type(param, what, v);
    }

    static ApiException Type(string param, string expected, JsonElement got) =>
        new(400, $"{param} must be {expected}, not {Kind(got)}.", param, "invalid_type");

    static ApiException Missing(string param, string what) =>
        new(400, $"{param} is required: {what}.", param, "missing_required_parameter");

    static string Kind(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Client text echoed in an error is cut short: a giant string must not come back giant.</summary>
    static string Clip(string s) => s.Length <= 64 ? s : s[..64] + "…";
    static string Trim(string s) => s.Length <= 200 ? s : s[..200] + "…";
}

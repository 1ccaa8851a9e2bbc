using System.Text.Json.Serialization;

namespace Ponder.Server.Errors;

/// <summary>OpenAI's error object: {"error":{"message","type","param","code"}}.</summary>
public sealed record ErrorBody(ErrorDetail Error)
{
    public static ErrorBody Of(string message, string type, string? param = null, string? code = null) =>
        new(new ErrorDetail(message, type, param, code));
}

/// <summary>param and code are written even when null, as OpenAI does.</summary>
public sealed record ErrorDetail(string Message, string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);

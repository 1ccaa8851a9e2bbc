namespace Ponder.Server.Errors;

/// <summary>A request the server refuses, with everything OpenAI's error object carries. Thrown anywhere on a request
/// thread; <see cref="ErrorHandling"/> turns it into the response.</summary>
public sealed class ApiException(int status, string message, string? param = null, string? code = null, string? type = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string? Param { get; } = param;
    public string? Code { get; } = code;
    public string Type { get; } = type ?? (status switch
    {
        401 => "authentication_error",
        404 => "not_found_error",
        429 => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    });

    public static ApiException Invalid(string param, string message, string code = "invalid_value") => new(400, message, param, code);
}

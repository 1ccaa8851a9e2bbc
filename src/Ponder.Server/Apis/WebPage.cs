namespace Ponder.Server.Apis;

/// <summary>The chat page at / : three plain files (HTML, CSS, JS) embedded in the assembly from wwwroot, so a fresh
/// clone serves it with no front-end build and a published server needs no files beside it.</summary>
public static class WebPage
{
    static readonly Dictionary<string, (string Resource, string ContentType)> files = new()
    {
        ["/"] = ("wwwroot/index.html", "text/html; charset=utf-8"),
        ["/app.js"] = ("wwwroot/app.js", "text/javascript; charset=utf-8"),
        ["/style.css"] = ("wwwroot/style.css", "text/css; charset=utf-8"),
    };

    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder app)
    {
        foreach (var (route, (resource, type)) in files)
            app.MapGet(route, () => TypedResults.Stream(typeof(WebPage).Assembly.GetManifestResourceStream(resource)!, type));
        return app;
    }
}

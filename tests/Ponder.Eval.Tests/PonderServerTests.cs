using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ponder.Server;

namespace Ponder.Eval.Tests;

/// <summary>Remote mode against a second Ponder: the real server (branch serve) on loopback, on the tiny model,
/// measured over HTTP exactly as a vLLM or llama.cpp server would be.</summary>
public sealed class PonderServerTests
{
    [Fact]
    public async Task A_second_Ponder_server_on_loopback_is_measured_in_every_mode()
    {
        var ct = TestContext.Current.CancellationToken;
        var app = PonderServer.Build(["--model", TinyModels.Ponder, "--port", "0", "--bind", "127.0.0.1"], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ponder:ContextSize"] = "8192", ["Ponder:MaxSequences"] = "16", ["Ponder:Threads"] = "2",
            });
            b.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync(ct);
        try
        {
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            for (var i = 0; i < 600 && (await http.GetAsync("/health", ct)).StatusCode != System.Net.HttpStatusCode.OK; i++) await Task.Delay(50, ct);
            using var models = JsonDocument.Parse(await http.GetStringAsync("/v1/models", ct));
            var id = models.RootElement.GetProperty("data")[0].GetProperty("id").GetString();

            var dir = TinyModels.TempFolder("ponder-server");
            var config = new EvalConfig(["comparison"], [ModeSpec.Parse("instant"), ModeSpec.Parse("thinking@8"), ModeSpec.Parse("contemplating-2@8")],
                [ModelSpec.Remote(url, id, null)], CountPerLevel: 1, MaxAnswerTokens: 6, Concurrency: 2, Output: dir);
            var suites = Suite.Parse("comparison", 1, 0, 1);
            var summary = await new EvalRunner(config, suites, new ProgressLine(TextWriter.Null), TextWriter.Null).RunAsync(ct);

            Assert.Equal(3 * suites[0].Items.Count, summary.ItemsDone);
            var instant = summary.Cells.Single(c => c.Mode == "instant");
            Assert.Equal(0, instant.MeanReasoningTokens);
            Assert.InRange(instant.MeanAnswerTokens, 1, 6);
            var thinking = summary.Cells.Single(c => c.Mode == "thinking@8");
            Assert.InRange(thinking.MeanReasoningTokens, 1, 8); // usage.completion_tokens_details.reasoning_tokens
            var contemplating = summary.Cells.Single(c => c.Mode == "contemplating-2@8");
            Assert.NotNull(contemplating.Agreement); // from the server's "ponder" object
            Assert.InRange(contemplating.MeanReasoningTokens, 1, 2 * 8);
            var records = File.ReadAllLines(Path.Combine(dir, RunFolder.ItemsFile)).Select(l => JsonSerializer.Deserialize<ItemRecord>(l, ItemRecord.Json)!).ToList();
            Assert.All(records.Where(r => r.Mode == "contemplating-2@8"), r => Assert.Equal(2, r.Agents));
            Assert.Contains(records, r => r.Mode == "thinking@8" && r.Reasoning.Length > 0); // message.reasoning_content
        }
        finally
        {
            await app.StopAsync(ct);
            await app.DisposeAsync();
        }
    }
}

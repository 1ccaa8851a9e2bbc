using System.Text;

namespace Ponder.Eval.Tests;

public sealed class ResumeTests
{
    static ItemRecord Item(int index) => new(ItemRecord.CellKey("m", "instant", "addition"), "m", "instant", "addition", index, 1, false,
        $"What is {index} + 1?", $"{index + 1}", "noise ✓ \"quoted\"\nnext", "", null, false, 12, 0, 5, 1, 0, 0, 0.25);

    [Fact]
    public void A_torn_last_line_is_cut_and_only_complete_items_count_as_done()
    {
        var path = Path.Combine(TinyModels.TempFolder("log"), "items.jsonl");
        using (var log = ItemLog.Open(path))
            for (var i = 0; i < 3; i++) Assert.True(log.Append(Item(i)));
        var whole = File.ReadAllBytes(path);
        var torn = Encoding.UTF8.GetBytes(Item(3).ToJsonLine())[..40];
        File.WriteAllBytes(path, [.. whole, .. torn]);

        using (var log = ItemLog.Open(path))
        {
            Assert.Equal(torn.Length, log.TruncatedBytes);
            Assert.Equal([0, 1, 2], log.Records.Select(r => r.Index));
            Assert.True(log.IsDone(Item(2).Cell, 2));
            Assert.False(log.IsDone(Item(3).Cell, 3));
            Assert.False(log.Append(Item(1))); // never twice
            Assert.True(log.Append(Item(3)));
        }
        var lines = File.ReadAllLines(path);
        Assert.Equal(4, lines.Length);
        Assert.Equal(Item(0), System.Text.Json.JsonSerializer.Deserialize<ItemRecord>(lines[0], ItemRecord.Json));
    }

    [Fact]
    public void A_corrupt_line_in_the_middle_is_refused_with_its_line_number()
    {
        var path = Path.Combine(TinyModels.TempFolder("log"), "items.jsonl");
        File.WriteAllLines(path, [Item(0).ToJsonLine(), "{garbage", Item(2).ToJsonLine()]);
        var e = Assert.Throws<InvalidDataException>(() => ItemLog.Open(path));
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void An_output_folder_of_another_configuration_is_refused_naming_what_differs()
    {
        var dir = TinyModels.TempFolder("config");
        var config = new EvalConfig(["addition"], [ModeSpec.Parse("instant")], [new ModelSpec("m", Path: "m.gguf")], CountPerLevel: 2, Output: dir);
        var suites = Suite.Parse("addition", 2, 0, 1);
        RunFolder.Open(dir, config.Fingerprint(suites)).Dispose();
        RunFolder.Open(dir, (config with { Concurrency = 3 }).Fingerprint(suites)).Dispose(); // speed is not a difference

        var other = config with { Seed = 2, Models = [new ModelSpec("m", Path: "elsewhere/m.gguf")] };
        var e = Assert.Throws<ConfigMismatchException>(() => RunFolder.Open(dir, other.Fingerprint(Suite.Parse("addition", 2, 0, 2))));
        Assert.Contains("different configuration", e.Message);
        Assert.Contains("seed: '1' in the folder's run, '2' now", e.Message);
        Assert.Contains("model m: 'gguf m.gguf (missing)' in the folder's run, 'gguf elsewhere/m.gguf (missing)' now", e.Message);
        Assert.Contains("suite addition:", e.Message);
        Assert.Contains("another --out", e.Message);
    }

    [Fact]
    public void A_model_is_known_by_its_content_so_a_copied_folder_resumes_and_a_changed_file_is_refused()
    {
        var dir = TinyModels.TempFolder("content");
        var a = Path.Combine(dir, "a.gguf");
        File.WriteAllBytes(a, [1, 2, 3, 4]);
        var copy = Path.Combine(TinyModels.TempFolder("content-copy"), "a.gguf");
        File.Copy(a, copy);
        File.SetLastWriteTimeUtc(copy, DateTime.UtcNow.AddDays(-3));
        Assert.Equal(new ModelSpec("a", Path: a).Fingerprint, new ModelSpec("a", Path: copy).Fingerprint);
        File.WriteAllBytes(copy, [1, 2, 3, 5]);
        Assert.NotEqual(new ModelSpec("a", Path: a).Fingerprint, new ModelSpec("a", Path: copy).Fingerprint);
    }

    [Fact]
    public void An_output_folder_grows_to_more_models_modes_and_suites_and_remembers_them_all()
    {
        var dir = TinyModels.TempFolder("grow");
        var config = new EvalConfig(["addition"], [ModeSpec.Parse("instant")], [new ModelSpec("a", Path: "a.gguf")], CountPerLevel: 2, Output: dir);
        RunFolder.Open(dir, config.Fingerprint(Suite.Parse("addition", 2, 0, 1))).Dispose();

        var grown = config with { Modes = [ModeSpec.Parse("thinking@64")], Models = [new ModelSpec("b", Path: "b.gguf")] };
        RunFolder.Open(dir, grown.Fingerprint([.. Suite.Parse("addition", 2, 0, 1), .. Suite.Parse("comparison", 2, 0, 1)])).Dispose();
        var saved = File.ReadAllText(Path.Combine(dir, RunFolder.ConfigFile));
        Assert.Contains("\"modes\": \"instant, thinking@64\"", saved);
        Assert.Contains("\"model a\"", saved);
        Assert.Contains("\"model b\"", saved);
        Assert.Contains("\"suite comparison\"", saved);

        // What the folder holds still binds: model a must be the same file, whatever else the run asks for.
        var moved = config with { Models = [new ModelSpec("a", Path: "moved/a.gguf")] };
        Assert.Throws<ConfigMismatchException>(() => RunFolder.Open(dir, moved.Fingerprint(Suite.Parse("addition", 2, 0, 1))));
    }
}

using Ponder.Engine;
using Ponder.Reasoning;

namespace Ponder.Server.Hosting;

/// <summary>One served model: its id on the wire (the file name without extension), its engine and its reasoner.</summary>
public sealed record LoadedModel(string Id, string Path, InferenceLoop Engine, Reasoner Reasoner, DateTimeOffset Created);

using System.Globalization;
using Ponder.Reasoning;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ponder.Cli;

/// <summary>The live table of Contemplating's sub-agents: per agent its tokens so far, its running confidence
/// (DeepConf: higher is surer) and its state, coloured by state.</summary>
sealed class AgentBoard
{
    readonly SortedDictionary<int, (int Tokens, double Confidence, AgentState State)> agents = [];

    public void Update(AgentProgress p) => agents[p.Agent] = (p.Tokens, p.Confidence, p.State);

    /// <summary>Final figures from the result: every agent, with its exact tokens and trace confidence.</summary>
    public void Finish(ReasoningResult result)
    {
        foreach (var a in result.Contemplation?.Agents ?? [])
        {
            var state = a.StoppedEarly ? AgentState.StoppedEarly
                : agents.TryGetValue(a.Agent, out var seen) && seen.State == AgentState.Failed ? AgentState.Failed : AgentState.Done;
            agents[a.Agent] = (a.ReasoningTokens + a.AnswerTokens, a.Confidence, state);
        }
    }

    public IRenderable Render()
    {
        var table = new Table().Border(TableBorder.Rounded).Title("sub-agents")
            .AddColumn("agent").AddColumn(new TableColumn("tokens").RightAligned())
            .AddColumn(new TableColumn("confidence").RightAligned()).AddColumn("state");
        foreach (var (agent, (tokens, confidence, state)) in agents)
            table.AddRow(
                new Text(agent.ToString(CultureInfo.InvariantCulture)),
                new Text(tokens.ToString(CultureInfo.InvariantCulture)),
                new Text(confidence > 0 ? confidence.ToString("F2", CultureInfo.InvariantCulture) : "–"),
                new Text(ChatRenderer.StateName(state), new Style(Colour(state))));
        return table;
    }

    static Color Colour(AgentState state) => state switch
    {
        AgentState.Thinking => Color.Grey,
        AgentState.Answering => Color.Yellow,
        AgentState.Done => Color.Green,
        AgentState.StoppedEarly => Color.Orange1,
        _ => Color.Red,
    };
}

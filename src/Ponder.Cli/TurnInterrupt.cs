namespace Ponder.Cli;

/// <summary>Ctrl-C for a chat: while a turn runs it cancels that turn and the process carries on; between turns it
/// is ignored (Ctrl-D or /exit quits). One per command run; disposing it restores Ctrl-C's default.</summary>
sealed class TurnInterrupt : IDisposable
{
    CancellationTokenSource turn = new();

    public TurnInterrupt() => Console.CancelKeyPress += OnCancel;

    /// <summary>Whether the last turn was cancelled by Ctrl-C.</summary>
    public bool Cancelled => turn.IsCancellationRequested;

    /// <summary>A fresh token for the next turn.</summary>
    public CancellationToken BeginTurn()
    {
        turn.Dispose();
        turn = new CancellationTokenSource();
        return turn.Token;
    }

    void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        turn.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        turn.Dispose();
    }
}

namespace Ponder.Eval;

/// <summary>Told as the run goes: the items planned and already done (a resumed run starts part way), then each item.</summary>
public interface IEvalProgress
{
    void Start(int total, int alreadyDone);
    void Advance(ItemRecord item);
    void Stop();
}

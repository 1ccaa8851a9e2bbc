namespace Ponder.Reasoning;

/// <summary>How a thought ended: the model closed it; it reached its budget and Ponder closed it; the model ended its
/// turn inside the thought (Ponder closed it and asked for the answer); early stop cut it; or no thought (Instant).</summary>
public enum ThoughtEnd { None, ClosedByModel, BudgetReached, EndOfTurn, StoppedEarly }

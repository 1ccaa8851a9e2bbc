namespace Ponder.Tasks;

/// <summary>Which part of a task's problem space a problem belongs to. Assigned from the problem's content, never drawn.</summary>
public enum Split { Train, Validation, Test }

namespace Ponder.Tasks;

/// <summary>A random arithmetic expression tree over + - × with small operands, rendered as tokens with exactly the
/// parentheses precedence needs. Kept mechanically easy: no negative intermediate, every product has a one-digit side,
/// every intermediate at most 200.</summary>
public sealed record ArithmeticExpression(ArithmeticExpression? Left, char Op, ArithmeticExpression? Right, int Value)
{
    public const char Times = '×';
    const int MaxIntermediate = 200;

    public bool IsLeaf => Left is null;

    /// <summary>Draws a tree with <paramref name="operations"/> operators that meets the easiness rules.</summary>
    public static ArithmeticExpression Draw(Random random, int operations)
    {
        while (true)
        {
            var tree = Grow(random, operations);
            if (tree is not null) return tree;
        }
    }

    static ArithmeticExpression? Grow(Random random, int operations)
    {
        if (operations == 0) return Leaf(random.Next(1, 21));
        var leftOps = random.Next(operations);
        var left = Grow(random, leftOps);
        var right = Grow(random, operations - 1 - leftOps);
        if (left is null || right is null) return null;
        var op = "+-×"[random.Next(3)];
        if (op == Times && Math.Min(left.Value, right.Value) > 9)
        {
            // Replace a leaf side with a one-digit number rather than reject outright.
            if (right.IsLeaf) right = Leaf(random.Next(2, 10));
            else if (left.IsLeaf) left = Leaf(random.Next(2, 10));
            else return null;
        }
        var value = op switch { '+' => left.Value + right.Value, '-' => left.Value - right.Value, _ => left.Value * right.Value };
        return value < 0 || value > MaxIntermediate ? null : new ArithmeticExpression(left, op, right, value);
    }

    static ArithmeticExpression Leaf(int value) => new(null, ' ', null, value);

    static int Precedence(char op) => op == Times ? 2 : 1;

    /// <summary>Tokens: numbers, "+", "-", "×", "(", ")".</summary>
    public List<string> Tokens()
    {
        var tokens = new List<string>();
        Render(this, tokens);
        return tokens;
    }

    static void Render(ArithmeticExpression node, List<string> tokens)
    {
        if (node.IsLeaf) { tokens.Add(node.Value.ToString()); return; }
        RenderChild(node.Left!, node, right: false, tokens);
        tokens.Add(node.Op.ToString());
        RenderChild(node.Right!, node, right: true, tokens);
    }

    static void RenderChild(ArithmeticExpression child, ArithmeticExpression parent, bool right, List<string> tokens)
    {
        var needs = !child.IsLeaf && (Precedence(child.Op) < Precedence(parent.Op)
                                      || (right && Precedence(child.Op) == Precedence(parent.Op) && parent.Op == '-'));
        if (needs) tokens.Add("(");
        Render(child, tokens);
        if (needs) tokens.Add(")");
    }
}

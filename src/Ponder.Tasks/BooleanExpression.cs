namespace Ponder.Tasks;

/// <summary>A random boolean expression over true/false with and, or, not, rendered as canonical lowercase tokens
/// ("not", "and", "or", "true", "false", "(", ")") with the parentheses precedence needs (not &gt; and &gt; or).</summary>
public sealed record BooleanExpression(string Op, BooleanExpression? Left, BooleanExpression? Right, bool Value)
{
    public bool IsLiteral => Op == "literal";

    /// <summary>A tree with <paramref name="binaryOperators"/> and/or operators; about one node in five is negated.</summary>
    public static BooleanExpression Draw(Random random, int binaryOperators)
    {
        BooleanExpression node;
        if (binaryOperators == 0) node = Literal(random.Next(2) == 0);
        else
        {
            var leftCount = random.Next(binaryOperators);
            var left = Draw(random, leftCount);
            var right = Draw(random, binaryOperators - 1 - leftCount);
            var op = random.Next(2) == 0 ? "and" : "or";
            node = new BooleanExpression(op, left, right, op == "and" ? left.Value && right.Value : left.Value || right.Value);
        }
        return random.Next(5) == 0 ? new BooleanExpression("not", node, null, !node.Value) : node;
    }

    static BooleanExpression Literal(bool value) => new("literal", null, null, value);

    static int Precedence(string op) => op switch { "or" => 1, "and" => 2, _ => 3 };

    public List<string> Tokens()
    {
        var tokens = new List<string>();
        Render(this, tokens);
        return tokens;
    }

    static void Render(BooleanExpression node, List<string> tokens)
    {
        if (node.IsLiteral) { tokens.Add(node.Value ? "true" : "false"); return; }
        if (node.Op == "not")
        {
            tokens.Add("not");
            Child(node.Left!, needs: !node.Left!.IsLiteral, tokens);
            return;
        }
        Child(node.Left!, needs: Precedence(node.Left!.Op) < Precedence(node.Op), tokens);
        tokens.Add(node.Op);
        Child(node.Right!, needs: Precedence(node.Right!.Op) < Precedence(node.Op), tokens);
    }

    static void Child(BooleanExpression child, bool needs, List<string> tokens)
    {
        if (needs && !child.IsLiteral) tokens.Add("(");
        Render(child, tokens);
        if (needs && !child.IsLiteral) tokens.Add(")");
    }
}

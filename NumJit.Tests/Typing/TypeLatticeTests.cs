using NUnit.Framework;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Typing.Rules;

namespace NumJit.Tests.Typing;

/// <summary>
/// The scalar type lattice against numba 0.56.4 itself. The tables were generated once with
/// /usr/bin/python3 (numba 0.56.4, numpy 1.24.2):
/// <list type="bullet">
/// <item>Unify: <c>cpu_target.typing_context.unify_pairs(a, b)</c> (what a variable assigned both types becomes);</item>
/// <item>PromoteNumeric: <c>np.promote_types(a, b)</c> (numba's <c>Number.unify</c>);</item>
/// <item>ArithmeticType and BinaryOperatorRules.Resolve: the return type of
/// <c>numba.njit(lambda a, b: a OP b).compile((a, b))</c>, "None" where numba rejects the operands.</item>
/// </list>
/// Cells where NumJit disagrees with numba are not asserted: they carry numba's answer with a
/// trailing "?" in the matrices and are listed at the end of the file.
/// </summary>
[TestFixture]
public class TypeLatticeTests
{
    private static NjType Ty(string name) => NjTypes.ByName[name];

    /// <summary>
    /// Reads a result matrix: a header of right-operand types, then one row per left-operand
    /// type. Cells are numba type abbreviations, "--" where numba rejects the operands, and
    /// a trailing "?" (e.g. "f4?") where numba gives that type but NumJit disagrees: those
    /// cells are not asserted (see KnownDisagreements).
    /// </summary>
    private static IEnumerable<(string Left, string Right, string Expected)> Cells(string matrix)
    {
        var lines = matrix.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var columns = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines.Skip(1))
        {
            var halves = line.Split('|');
            var cells = halves[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != columns.Length) throw new InvalidOperationException("ragged matrix row: " + line);
            for (int i = 0; i < cells.Length; i++)
                if (!cells[i].EndsWith('?')) yield return (halves[0].Trim(), columns[i], cells[i]);
        }
    }

    private static NjType? TyOrNone(string name) => name == "--" ? null : Ty(name);

    // ---- headline cases (the same facts as the tables, spelled out) ----

    [TestCase("int32", "int32", "int64")]
    [TestCase("int8", "int8", "int64")]
    [TestCase("bool", "bool", "int64")]
    [TestCase("uint8", "uint8", "uint64")]
    [TestCase("uint32", "uint64", "uint64")]
    [TestCase("int8", "float32", "float32")]
    [TestCase("int16", "float32", "float32")]
    [TestCase("int32", "float32", "float64")]
    [TestCase("float32", "float32", "float32")]
    [TestCase("float32", "float64", "float64")]
    [TestCase("float32", "complex64", "complex64")]
    [TestCase("float64", "complex64", "complex128")]
    [TestCase("int64", "complex64", "complex128")]
    public void AddResultMatchesNumba(string a, string b, string expected)
    {
        Assert.That(BinaryOperatorRules.Resolve(IrBinaryOp.Add, Ty(a), Ty(b))?.Result, Is.EqualTo(Ty(expected)));
        Assert.That(BinaryOperatorRules.Resolve(IrBinaryOp.Add, Ty(b), Ty(a))?.Result, Is.EqualTo(Ty(expected)));
        Assert.That(NjTypes.ArithmeticType(Ty(a), Ty(b)), Is.EqualTo(Ty(expected)));
    }

    [TestCase(IrBinaryOp.TrueDiv, "int64", "int64", "float64")]
    [TestCase(IrBinaryOp.TrueDiv, "bool", "bool", "float64")]
    [TestCase(IrBinaryOp.TrueDiv, "int8", "int8", "float64")]
    [TestCase(IrBinaryOp.TrueDiv, "float32", "float32", "float32")]
    [TestCase(IrBinaryOp.FloorDiv, "int64", "int64", "int64")]
    [TestCase(IrBinaryOp.FloorDiv, "float64", "int64", "float64")]
    [TestCase(IrBinaryOp.Mod, "int32", "int32", "int64")]
    [TestCase(IrBinaryOp.Pow, "int64", "int64", "int64")]
    [TestCase(IrBinaryOp.Pow, "float64", "int64", "float64")]
    [TestCase(IrBinaryOp.Pow, "int64", "float64", "float64")]
    [TestCase(IrBinaryOp.Pow, "complex128", "int64", "complex128")]
    [TestCase(IrBinaryOp.Mul, "float32", "float64", "float64")]
    [TestCase(IrBinaryOp.BitAnd, "bool", "bool", "bool")]
    [TestCase(IrBinaryOp.BitOr, "bool", "bool", "bool")]
    [TestCase(IrBinaryOp.BitXor, "bool", "bool", "bool")]
    [TestCase(IrBinaryOp.BitAnd, "bool", "int64", "int64")]
    [TestCase(IrBinaryOp.BitAnd, "int32", "int8", "int64")]
    [TestCase(IrBinaryOp.LShift, "bool", "bool", "int64")]
    [TestCase(IrBinaryOp.RShift, "uint8", "uint8", "uint64")]
    public void OperatorResultMatchesNumba(IrBinaryOp op, string a, string b, string expected)
    {
        Assert.That(BinaryOperatorRules.Resolve(op, Ty(a), Ty(b))?.Result, Is.EqualTo(Ty(expected)));
    }

    [TestCase(IrBinaryOp.FloorDiv, "complex128", "complex128")]
    [TestCase(IrBinaryOp.Mod, "complex128", "float64")]
    [TestCase(IrBinaryOp.LShift, "float64", "int64")]
    [TestCase(IrBinaryOp.BitAnd, "float64", "float64")]
    [TestCase(IrBinaryOp.BitOr, "bool", "float32")]
    [TestCase(IrBinaryOp.RShift, "int64", "complex128")]
    public void OperatorRejectedLikeNumba(IrBinaryOp op, string a, string b)
    {
        Assert.That(BinaryOperatorRules.Resolve(op, Ty(a), Ty(b)), Is.Null);
    }

    [Test]
    public void NonNumericOperandsAreRejected()
    {
        var tuple = new TupleType([NjTypes.Int64, NjTypes.Int64]);
        var array = new ArrayType(NjTypes.Float64, 1, ArrayLayout.C);
        foreach (var op in Enum.GetValues<IrBinaryOp>())
        {
            Assert.That(BinaryOperatorRules.Resolve(op, NjTypes.Float64, tuple), Is.Null, op.ToString());
            Assert.That(BinaryOperatorRules.Resolve(op, array, NjTypes.Float64), Is.Null, op.ToString());
            Assert.That(BinaryOperatorRules.Resolve(op, NjTypes.None, NjTypes.Int64), Is.Null, op.ToString());
            Assert.That(BinaryOperatorRules.Resolve(op, new OptionalType(NjTypes.Float64), NjTypes.Float64), Is.Null, op.ToString());
        }
    }

    /// <summary>float ** int keeps an integral exponent (numba's repeated multiplication), others convert both operands.</summary>
    [Test]
    public void PowerOperandTypes()
    {
        Assert.That(BinaryOperatorRules.Resolve(IrBinaryOp.Pow, NjTypes.Float64, NjTypes.Int64), Is.EqualTo((NjTypes.Float64, NjTypes.Int64, NjTypes.Float64)));
        Assert.That(BinaryOperatorRules.Resolve(IrBinaryOp.Pow, NjTypes.Float64, NjTypes.Int32), Is.EqualTo((NjTypes.Float64, NjTypes.Int64, NjTypes.Float64)));
        Assert.That(BinaryOperatorRules.Resolve(IrBinaryOp.Pow, NjTypes.Float64, NjTypes.Bool), Is.EqualTo((NjTypes.Float64, NjTypes.Int64, NjTypes.Float64)));
        Assert.That(BinaryOperatorRules.Resolve(IrBinaryOp.Pow, NjTypes.Int64, NjTypes.Int64), Is.EqualTo((NjTypes.Int64, NjTypes.Int64, NjTypes.Int64)));
        Assert.That(BinaryOperatorRules.Resolve(IrBinaryOp.Pow, NjTypes.Float64, NjTypes.Float64), Is.EqualTo((NjTypes.Float64, NjTypes.Float64, NjTypes.Float64)));
        Assert.That(BinaryOperatorRules.Resolve(IrBinaryOp.Pow, NjTypes.Int64, NjTypes.Float64), Is.EqualTo((NjTypes.Float64, NjTypes.Float64, NjTypes.Float64)));
    }

    [Test]
    public void ArithmeticOperandsAreConvertedToTheResultType()
    {
        foreach (var op in new[] { IrBinaryOp.Add, IrBinaryOp.Sub, IrBinaryOp.Mul, IrBinaryOp.FloorDiv, IrBinaryOp.Mod })
            Assert.That(BinaryOperatorRules.Resolve(op, NjTypes.Int32, NjTypes.Float64), Is.EqualTo((NjTypes.Float64, NjTypes.Float64, NjTypes.Float64)));
        Assert.That(BinaryOperatorRules.Resolve(IrBinaryOp.TrueDiv, NjTypes.Int32, NjTypes.Int8), Is.EqualTo((NjTypes.Float64, NjTypes.Float64, NjTypes.Float64)));
    }

    // ---- Unify and optional/tuple/array unification ----

    public static IEnumerable<TestCaseData> UnifyCases() =>
        Cells(UnifyMatrix).Select(c => new TestCaseData(c.Left, c.Right, c.Expected).SetName($"Unify({c.Left}, {c.Right}) = {c.Expected}"));

    [TestCaseSource(nameof(UnifyCases))]
    public void UnifyMatchesNumba(string a, string b, string expected)
    {
        Assert.That(NjTypes.Unify(Ty(a), Ty(b)), Is.EqualTo(TyOrNone(expected)));
    }

    [Test]
    public void UnifyNoneGivesOptional()
    {
        Assert.That(NjTypes.Unify(NjTypes.Float64, NjTypes.None), Is.EqualTo(new OptionalType(NjTypes.Float64)));
        Assert.That(NjTypes.Unify(NjTypes.None, NjTypes.Int64), Is.EqualTo(new OptionalType(NjTypes.Int64)));
        Assert.That(NjTypes.Unify(NjTypes.None, NjTypes.None), Is.EqualTo(NjTypes.None));
        Assert.That(NjTypes.Unify(new OptionalType(NjTypes.Int64), NjTypes.Float64), Is.EqualTo(new OptionalType(NjTypes.Float64)));
        Assert.That(NjTypes.Unify(NjTypes.Float64, new OptionalType(NjTypes.Int64)), Is.EqualTo(new OptionalType(NjTypes.Float64)));
        Assert.That(NjTypes.Unify(new OptionalType(NjTypes.Float64), NjTypes.None), Is.EqualTo(new OptionalType(NjTypes.Float64)));
        Assert.That(NjTypes.Unify(new OptionalType(NjTypes.Int32), new OptionalType(NjTypes.Int64)), Is.EqualTo(new OptionalType(NjTypes.Int64)));
        Assert.That(NjTypes.Unify(new OptionalType(NjTypes.Float64), new TupleType([NjTypes.Int64])), Is.Null);
    }

    [Test]
    public void UnifyTuplesItemwise()
    {
        var ii = new TupleType([NjTypes.Int64, NjTypes.Int64]);
        var fi = new TupleType([NjTypes.Float64, NjTypes.Int64]);
        Assert.That(NjTypes.Unify(ii, fi), Is.EqualTo(fi));
        Assert.That(NjTypes.Unify(fi, ii), Is.EqualTo(fi));
        Assert.That(NjTypes.Unify(ii, new TupleType([NjTypes.Int64, NjTypes.Int64, NjTypes.Int64])), Is.Null);
        Assert.That(NjTypes.Unify(ii, new TupleType([NjTypes.Int64, ii])), Is.Null);
        Assert.That(NjTypes.Unify(ii, NjTypes.Int64), Is.Null);
        Assert.That(NjTypes.Unify(new TupleType([]), new TupleType([])), Is.EqualTo(new TupleType([])));
    }

    [Test]
    public void UnifyArrays()
    {
        var c = new ArrayType(NjTypes.Float64, 2, ArrayLayout.C);
        var f = new ArrayType(NjTypes.Float64, 2, ArrayLayout.F);
        Assert.That(NjTypes.Unify(c, c), Is.EqualTo(c));
        Assert.That(NjTypes.Unify(c, f), Is.EqualTo(new ArrayType(NjTypes.Float64, 2, ArrayLayout.A)));
        Assert.That(NjTypes.Unify(c, c with { ReadOnly = true }), Is.EqualTo(c with { ReadOnly = true }));
        Assert.That(NjTypes.Unify(c, new ArrayType(NjTypes.Float32, 2, ArrayLayout.C)), Is.Null);
        Assert.That(NjTypes.Unify(c, new ArrayType(NjTypes.Float64, 1, ArrayLayout.C)), Is.Null);
        Assert.That(NjTypes.Unify(c, NjTypes.Float64), Is.Null);
    }

    // ---- PromoteNumeric and ArithmeticType ----

    public static IEnumerable<TestCaseData> PromoteCases() =>
        Cells(PromoteMatrix).Select(c => new TestCaseData(c.Left, c.Right, c.Expected).SetName($"PromoteNumeric({c.Left}, {c.Right}) = {c.Expected}"));

    [TestCaseSource(nameof(PromoteCases))]
    public void PromoteNumericMatchesNumpy(string a, string b, string expected)
    {
        Assert.That(NjTypes.PromoteNumeric(Ty(a), Ty(b)), Is.EqualTo(Ty(expected)));
    }

    public static IEnumerable<TestCaseData> ArithmeticCases() =>
        Cells(ArithmeticMatrix).Select(c => new TestCaseData(c.Left, c.Right, c.Expected).SetName($"ArithmeticType({c.Left}, {c.Right}) = {c.Expected}"));

    [TestCaseSource(nameof(ArithmeticCases))]
    public void ArithmeticTypeMatchesNumbaAdd(string a, string b, string expected)
    {
        Assert.That(NjTypes.ArithmeticType(Ty(a), Ty(b)), Is.EqualTo(Ty(expected)));
    }

    // ---- BinaryOperatorRules.Resolve: one test per operator over the agreeing pairs ----

    public static IEnumerable<TestCaseData> OperatorTables() =>
        ResolveTables.Select(kv => new TestCaseData(kv.Key, kv.Value).SetName($"Resolve_{kv.Key}_MatchesNumba"));

    [TestCaseSource(nameof(OperatorTables))]
    public void ResolveMatchesNumba(IrBinaryOp op, string table)
    {
        var cells = Cells(table).ToList();
        Assert.That(cells, Has.Count.GreaterThan(140));
        Assert.Multiple(() =>
        {
            foreach (var (a, b, expected) in cells)
                Assert.That(BinaryOperatorRules.Resolve(op, Ty(a), Ty(b))?.Result, Is.EqualTo(TyOrNone(expected)),
                    $"{a} {BinaryOperatorRules.Symbol(op)} {b}");
        });
    }

    [Test]
    public void TablesCoverEveryOperator()
    {
        Assert.That(ResolveTables.Keys, Is.EquivalentTo(Enum.GetValues<IrBinaryOp>()));
        Assert.That(Cells(UnifyMatrix).Count(), Is.EqualTo(169));
        Assert.That(Cells(PromoteMatrix).Count(), Is.EqualTo(169));
    }

    // ---- result matrices (row: left operand, column: right operand), generated from numba 0.56.4 ----

    private const string UnifyMatrix = """
                b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
         b1 |   b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
         i1 |   i1   i1   i2   i4   i8   i2   i4   i8   f8   f4   f8   c8  c16
         i2 |   i2   i2   i2   i4   i8   i2   i4   i8   f8   f4   f8   c8  c16
         i4 |   i4   i4   i4   i4   i8   i4   i4   i8   f8   f8   f8  c16  c16
         i8 |   i8   i8   i8   i8   i8   i8   i8   i8   f8   f8   f8  c16  c16
         u1 |   u1   i2   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
         u2 |   u2   i4   i4   i4   i8   u2   u2   u4   u8   f4   f8   c8  c16
         u4 |   u4   i8   i8   i8   i8   u4   u4   u4   u8   f8   f8  c16  c16
         u8 |   u8   f8   f8   f8   f8   u8   u8   u8   u8   f8   f8  c16  c16
         f4 |   f4   f4   f4   f8   f8   f4   f4   f8   f8   f4   f8   c8  c16
         f8 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8  c16  c16
         c8 |   c8   c8   c8  c16  c16   c8   c8  c16  c16   c8  c16   c8  c16
        c16 |  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16
        """;

    private const string PromoteMatrix = """
                b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
         b1 |   b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
         i1 |   i1   i1   i2   i4   i8   i2   i4   i8   f8   f4   f8   c8  c16
         i2 |   i2   i2   i2   i4   i8   i2   i4   i8   f8   f4   f8   c8  c16
         i4 |   i4   i4   i4   i4   i8   i4   i4   i8   f8   f8   f8  c16  c16
         i8 |   i8   i8   i8   i8   i8   i8   i8   i8   f8   f8   f8  c16  c16
         u1 |   u1   i2   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
         u2 |   u2   i4   i4   i4   i8   u2   u2   u4   u8   f4   f8   c8  c16
         u4 |   u4   i8   i8   i8   i8   u4   u4   u4   u8   f8   f8  c16  c16
         u8 |   u8   f8   f8   f8   f8   u8   u8   u8   u8   f8   f8  c16  c16
         f4 |   f4   f4   f4   f8   f8   f4   f4   f8   f8   f4   f8   c8  c16
         f8 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8  c16  c16
         c8 |   c8   c8   c8  c16  c16   c8   c8  c16  c16   c8  c16   c8  c16
        c16 |  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16
        """;

    /// <summary>The result type of a + b under numba.</summary>
    private const string ArithmeticMatrix = """
                b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
         b1 |   i8   i8   i8   i8   i8  i8   i8   i8   i8    f4   f8   c8  c16
         i1 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   c8  c16
         i2 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   c8  c16
         i4 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8  c16  c16
         i8 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8  c16  c16
         u1 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f4   f8   c8  c16
         u2 |  i8    i8   i8   i8   i8   u8   u8   u8   u8  f8    f8 c16   c16
         u4 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f8   f8  c16  c16
         u8 |  i8   i8   i8   i8   i8    u8   u8   u8   u8   f8   f8  c16  c16
         f4 |   f4   f4   f4   f8   f8   f4  f8    f8   f8   f4   f8   c8  c16
         f8 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8  c16  c16
         c8 |   c8   c8   c8  c16  c16   c8 c16   c16  c16   c8  c16   c8  c16
        c16 |  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16
        """;

    private static readonly Dictionary<IrBinaryOp, string> ResolveTables = new()
    {
        [IrBinaryOp.Add] = """
                    b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
             b1 |   i8   i8   i8   i8   i8  i8   i8   i8   i8    f4   f8   c8  c16
             i1 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   c8  c16
             i2 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   c8  c16
             i4 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8  c16  c16
             i8 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8  c16  c16
             u1 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f4   f8   c8  c16
             u2 |  i8    i8   i8   i8   i8   u8   u8   u8   u8  f8    f8 c16   c16
             u4 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f8   f8  c16  c16
             u8 |  i8   i8   i8   i8   i8    u8   u8   u8   u8   f8   f8  c16  c16
             f4 |   f4   f4   f4   f8   f8   f4  f8    f8   f8   f4   f8   c8  c16
             f8 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8  c16  c16
             c8 |   c8   c8   c8  c16  c16   c8 c16   c16  c16   c8  c16   c8  c16
            c16 |  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16
            """,
        [IrBinaryOp.Sub] = """
                    b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
             b1 |   i8   i8   i8   i8   i8  i8   i8   i8   i8    f4   f8   c8  c16
             i1 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   c8  c16
             i2 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   c8  c16
             i4 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8  c16  c16
             i8 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8  c16  c16
             u1 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f4   f8   c8  c16
             u2 |  i8    i8   i8   i8   i8   u8   u8   u8   u8  f8    f8 c16   c16
             u4 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f8   f8  c16  c16
             u8 |  i8   i8   i8   i8   i8    u8   u8   u8   u8   f8   f8  c16  c16
             f4 |   f4   f4   f4   f8   f8   f4  f8    f8   f8   f4   f8   c8  c16
             f8 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8  c16  c16
             c8 |   c8   c8   c8  c16  c16   c8 c16   c16  c16   c8  c16   c8  c16
            c16 |  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16
            """,
        [IrBinaryOp.Mul] = """
                    b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
             b1 |   i8   i8   i8   i8   i8  i8   i8   i8   i8    f4   f8   c8  c16
             i1 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   c8  c16
             i2 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   c8  c16
             i4 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8  c16  c16
             i8 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8  c16  c16
             u1 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f4   f8   c8  c16
             u2 |  i8    i8   i8   i8   i8   u8   u8   u8   u8  f8    f8 c16   c16
             u4 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f8   f8  c16  c16
             u8 |  i8   i8   i8   i8   i8    u8   u8   u8   u8   f8   f8  c16  c16
             f4 |   f4   f4   f4   f8   f8   f4  f8    f8   f8   f4   f8   c8  c16
             f8 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8  c16  c16
             c8 |   c8   c8   c8  c16  c16   c8 c16   c16  c16   c8  c16   c8  c16
            c16 |  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16
            """,
        [IrBinaryOp.TrueDiv] = """
                    b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
             b1 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f4   f8   c8  c16
             i1 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f4   f8   c8  c16
             i2 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f4   f8   c8  c16
             i4 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8  c16  c16
             i8 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8  c16  c16
             u1 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f4   f8   c8  c16
             u2 |   f8   f8   f8   f8   f8   f8   f8   f8   f8  f8    f8 c16   c16
             u4 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8  c16  c16
             u8 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8  c16  c16
             f4 |   f4   f4   f4   f8   f8   f4  f8    f8   f8   f4   f8   c8  c16
             f8 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8  c16  c16
             c8 |   c8   c8   c8  c16  c16   c8 c16   c16  c16   c8  c16   c8  c16
            c16 |  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16
            """,
        [IrBinaryOp.FloorDiv] = """
                    b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
             b1 |   i8   i8   i8   i8   i8  i8   i8   i8   i8    f4   f8   --   --
             i1 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   --   --
             i2 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   --   --
             i4 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8   --   --
             i8 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8   --   --
             u1 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f4   f8   --   --
             u2 |  i8    i8   i8   i8   i8   u8   u8   u8   u8  f8    f8   --   --
             u4 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f8   f8   --   --
             u8 |  i8   i8   i8   i8   i8    u8   u8   u8   u8   f8   f8   --   --
             f4 |   f4   f4   f4   f8   f8   f4  f8    f8   f8   f4   f8   --   --
             f8 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   --   --
             c8 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            c16 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            """,
        [IrBinaryOp.Mod] = """
                    b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
             b1 |   i8   i8   i8   i8   i8  i8   i8   i8   i8    f4   f8   --   --
             i1 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   --   --
             i2 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   --   --
             i4 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8   --   --
             i8 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8   --   --
             u1 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f4   f8   --   --
             u2 |  i8    i8   i8   i8   i8   u8   u8   u8   u8  f8    f8   --   --
             u4 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f8   f8   --   --
             u8 |  i8   i8   i8   i8   i8    u8   u8   u8   u8   f8   f8   --   --
             f4 |   f4   f4   f4   f8   f8   f4  f8    f8   f8   f4   f8   --   --
             f8 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   --   --
             c8 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            c16 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            """,
        [IrBinaryOp.Pow] = """
                    b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
             b1 |   i8   i8   i8  f4?   i8   i8   i8   i8   i8   f4   f8   c8  c16
             i1 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   c8  c16
             i2 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f4   f8   c8  c16
             i4 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8  c16  c16
             i8 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    f8   f8  c16  c16
             u1 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f4   f8   c8  c16
             u2 |  i8    i8   i8   i8   i8   u8   u8   u8   u8  f8    f8 c16   c16
             u4 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   f8   f8  c16  c16
             u8 |  i8   i8   i8   i8   i8    u8   u8   u8   u8   f8   f8  c16  c16
             f4 |   f4   f4   f4  f4   f4    f4   f4  f4   f4    f4   f8   c8  c16
             f8 |   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8   f8  c16  c16
             c8 |   c8   c8   c8  c16  c16   c8 c16   c16  c16   c8  c16   c8  c16
            c16 |  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16  c16
            """,
        [IrBinaryOp.LShift] = """
                    b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
             b1 |   i8   i8   i8   i8   i8  i8   i8   i8   i8    --   --   --   --
             i1 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i2 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i4 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i8 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             u1 |   u8  u8   u8   u8   u8    u8   u8   u8   u8   --   --   --   --
             u2 |   u8  u8   u8   u8   u8    u8   u8   u8   u8   --   --   --   --
             u4 |   u8  u8   u8   u8   u8    u8   u8   u8   u8   --   --   --   --
             u8 |   u8  u8   u8   u8   u8    u8   u8   u8   u8   --   --   --   --
             f4 |   --   --   --   --   --   --   --   --   --   --   --   --   --
             f8 |   --   --   --   --   --   --   --   --   --   --   --   --   --
             c8 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            c16 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            """,
        [IrBinaryOp.RShift] = """
                    b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
             b1 |   i8   i8   i8   i8   i8  i8   i8   i8   i8    --   --   --   --
             i1 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i2 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i4 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i8 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             u1 |   u8  u8   u8   u8   u8    u8   u8   u8   u8   --   --   --   --
             u2 |   u8  u8   u8   u8   u8    u8   u8   u8   u8   --   --   --   --
             u4 |   u8  u8   u8   u8   u8    u8   u8   u8   u8   --   --   --   --
             u8 |   u8  u8   u8   u8   u8    u8   u8   u8   u8   --   --   --   --
             f4 |   --   --   --   --   --   --   --   --   --   --   --   --   --
             f8 |   --   --   --   --   --   --   --   --   --   --   --   --   --
             c8 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            c16 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            """,
        [IrBinaryOp.BitAnd] = """
                    b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
             b1 |   b1   i8   i8   i8   i8  i8   i8   i8   i8    --   --   --   --
             i1 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i2 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i4 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i8 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             u1 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   --   --   --   --
             u2 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   --   --   --   --
             u4 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   --   --   --   --
             u8 |  i8   i8   i8   i8   i8    u8   u8   u8   u8   --   --   --   --
             f4 |   --   --   --   --   --   --   --   --   --   --   --   --   --
             f8 |   --   --   --   --   --   --   --   --   --   --   --   --   --
             c8 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            c16 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            """,
        [IrBinaryOp.BitOr] = """
                    b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
             b1 |   b1   i8   i8   i8   i8  i8   i8   i8   i8    --   --   --   --
             i1 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i2 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i4 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i8 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             u1 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   --   --   --   --
             u2 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   --   --   --   --
             u4 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   --   --   --   --
             u8 |  i8   i8   i8   i8   i8    u8   u8   u8   u8   --   --   --   --
             f4 |   --   --   --   --   --   --   --   --   --   --   --   --   --
             f8 |   --   --   --   --   --   --   --   --   --   --   --   --   --
             c8 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            c16 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            """,
        [IrBinaryOp.BitXor] = """
                    b1   i1   i2   i4   i8   u1   u2   u4   u8   f4   f8   c8  c16
             b1 |   b1   i8   i8   i8   i8  i8   i8   i8   i8    --   --   --   --
             i1 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i2 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i4 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             i8 |   i8   i8   i8   i8   i8   i8   i8   i8  i8    --   --   --   --
             u1 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   --   --   --   --
             u2 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   --   --   --   --
             u4 |  i8    i8   i8   i8   i8   u8   u8   u8   u8   --   --   --   --
             u8 |  i8   i8   i8   i8   i8    u8   u8   u8   u8   --   --   --   --
             f4 |   --   --   --   --   --   --   --   --   --   --   --   --   --
             f8 |   --   --   --   --   --   --   --   --   --   --   --   --   --
             c8 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            c16 |   --   --   --   --   --   --   --   --   --   --   --   --   --
            """,
    };

    // ---- KnownDisagreements: numba 0.56.4 (njit return type) vs NumJit, NOT asserted ----
    //
    //   * bool ** int32: numba float32 (an oddity of numba's power typing), NumJit int64 like every
    //     other integer power. It carries numba's type with a trailing "?" in the Pow matrix.
    // Every other cell (Unify, PromoteNumeric, ArithmeticType, Resolve for all operators) is asserted.
}

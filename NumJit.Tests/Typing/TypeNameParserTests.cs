using NUnit.Framework;
using NumJit.IR.Types;

namespace NumJit.Tests.Typing;

/// <summary>numba's type and signature spellings, as users write them in @jit("...") and as NjType.Name prints them.</summary>
[TestFixture]
public class TypeNameParserTests
{
    private static readonly NjType F8 = NjTypes.Float64, I8 = NjTypes.Int64;

    private static ArrayType Arr(NjType dtype, int ndim, ArrayLayout layout, bool readOnly = false) => new(dtype, ndim, layout, readOnly);

    [Test]
    public void SignatureWithReturnType()
    {
        var (ret, args) = TypeNameParser.ParseSignature("f8(f8[:], i8)");
        Assert.That(ret, Is.EqualTo(F8));
        Assert.That(args, Is.EqualTo(new NjType[] { Arr(F8, 1, ArrayLayout.A), I8 }));
    }

    [Test]
    public void SignatureWithoutReturnType()
    {
        var (ret, args) = TypeNameParser.ParseSignature("(f8[:], i8)");
        Assert.That(ret, Is.Null);
        Assert.That(args, Is.EqualTo(new NjType[] { Arr(F8, 1, ArrayLayout.A), I8 }));
    }

    [Test]
    public void SignatureVariants()
    {
        Assert.That(TypeNameParser.ParseSignature("void()"), Is.EqualTo(((NjType?)NjTypes.None, (IReadOnlyList<NjType>)[])).Using(SignatureComparer));
        Assert.That(TypeNameParser.ParseSignature("  int64 ( float32 , boolean )  ").Args, Is.EqualTo(new NjType[] { NjTypes.Float32, NjTypes.Bool }));
        Assert.That(TypeNameParser.ParseSignature("UniTuple(f8 x 2)(f8, f8)").Return, Is.EqualTo(new TupleType([F8, F8])));
        Assert.That(TypeNameParser.ParseSignature("c16(c16[:, ::1],)").Args, Is.EqualTo(new NjType[] { Arr(NjTypes.Complex128, 2, ArrayLayout.C) }));
    }

    private static readonly IEqualityComparer<(NjType? Return, IReadOnlyList<NjType> Args)> SignatureComparer =
        EqualityComparer<(NjType?, IReadOnlyList<NjType>)>.Create((a, b) => Equals(a.Item1, b.Item1) && a.Item2.SequenceEqual(b.Item2));

    public static IEnumerable<TestCaseData> TypeCases()
    {
        yield return new TestCaseData("float64[:, ::1]", Arr(F8, 2, ArrayLayout.C));
        yield return new TestCaseData("f8[::1, :]", Arr(F8, 2, ArrayLayout.F));
        yield return new TestCaseData("f8[:, :]", Arr(F8, 2, ArrayLayout.A));
        yield return new TestCaseData("f8[::1]", Arr(F8, 1, ArrayLayout.C));
        yield return new TestCaseData("i4[:]", Arr(NjTypes.Int32, 1, ArrayLayout.A));
        yield return new TestCaseData("u1[:, :, ::1]", Arr(NjTypes.UInt8, 3, ArrayLayout.C));
        yield return new TestCaseData("f4[::1, :, :]", Arr(NjTypes.Float32, 3, ArrayLayout.F));
        yield return new TestCaseData("f8[ : , : : 1 ]", Arr(F8, 2, ArrayLayout.C));
        yield return new TestCaseData("UniTuple(int64 x 3)", new TupleType([I8, I8, I8]));
        yield return new TestCaseData("UniTuple(f8, 2)", new TupleType([F8, F8]));
        yield return new TestCaseData("UniTuple(f8[:] x 2)", new TupleType([Arr(F8, 1, ArrayLayout.A), Arr(F8, 1, ArrayLayout.A)]));
        yield return new TestCaseData("Tuple(int64, float64)", new TupleType([I8, F8]));
        yield return new TestCaseData("Tuple((int64, float64))", new TupleType([I8, F8]));
        yield return new TestCaseData("(i8, f8)", new TupleType([I8, F8]));
        yield return new TestCaseData("(i8,)", new TupleType([I8]));
        yield return new TestCaseData("()", new TupleType([]));
        yield return new TestCaseData("(i8, (f8, b1))", new TupleType([I8, new TupleType([F8, NjTypes.Bool])]));
        yield return new TestCaseData("readonly array(float64, 2d, A)", Arr(F8, 2, ArrayLayout.A, readOnly: true));
        yield return new TestCaseData("array(int32, 1d, C)", Arr(NjTypes.Int32, 1, ArrayLayout.C));
        yield return new TestCaseData("array(complex64, 3d, F)", Arr(NjTypes.Complex64, 3, ArrayLayout.F));
        yield return new TestCaseData("OptionalType(f8)", new OptionalType(F8));
        yield return new TestCaseData("Optional(int64)", new OptionalType(I8));
        yield return new TestCaseData("intp", I8);
        yield return new TestCaseData("uintp", NjTypes.UInt64);
        yield return new TestCaseData("boolean", NjTypes.Bool);
        yield return new TestCaseData("b1", NjTypes.Bool);
        yield return new TestCaseData("c8", NjTypes.Complex64);
        yield return new TestCaseData("double", F8);
        yield return new TestCaseData("none", NjTypes.None);
        yield return new TestCaseData("  f8  ", F8);
    }

    [TestCaseSource(nameof(TypeCases))]
    public void ParsesType(string text, NjType expected)
    {
        Assert.That(TypeNameParser.ParseType(text), Is.EqualTo(expected));
    }

    /// <summary>Every printed name parses back to the same type (signatures in messages and inspect() can be pasted back).</summary>
    [TestCaseSource(nameof(TypeCases))]
    public void NameRoundTrips(string text, NjType expected)
    {
        Assert.That(TypeNameParser.ParseType(expected.Name), Is.EqualTo(expected), expected.Name);
    }

    [TestCase("float64[:, ::1]", "array(float64, 2d, C)")]
    [TestCase("f8[::1, :]", "array(float64, 2d, F)")]
    [TestCase("readonly array(float64, 2d, A)", "readonly array(float64, 2d, A)")]
    [TestCase("UniTuple(i8, 3)", "UniTuple(int64 x 3)")]
    [TestCase("(i8, f8)", "Tuple(int64, float64)")]
    [TestCase("Tuple(f8, f8)", "UniTuple(float64 x 2)")]
    [TestCase("Optional(i4)", "OptionalType(int32)")]
    [TestCase("b1", "bool")]
    public void PrintsNumbaSpelling(string text, string name)
    {
        Assert.That(TypeNameParser.ParseType(text).Name, Is.EqualTo(name));
    }

    [TestCase("")]
    [TestCase("array(f8, 2d, Q)")]
    [TestCase("array(f8, 2d, 1)")]
    [TestCase("array(f8, xd, C)")]
    [TestCase("array(f8, 99999999999d, C)")]
    [TestCase("UniTuple(f8 x 99999999999)")]
    [TestCase("float65")]
    [TestCase("f8 f8")]
    [TestCase("f8[")]
    [TestCase("f8[:")]
    [TestCase("f8[:, ::2]")]
    [TestCase("f8[:, ::1, :]")]
    [TestCase("f8[::1, ::1]")]
    [TestCase("UniTuple(f8 x )")]
    [TestCase("UniTuple(f8)")]
    [TestCase("Tuple(i8, f8")]
    [TestCase("(i8, f8")]
    [TestCase("readonly f8")]
    [TestCase("array(f8, 2, C)")]
    [TestCase("Optional(f8")]
    [TestCase("f8[:])")]
    [TestCase("list(int64)")]
    public void InvalidTypeThrowsCompilerError(string text)
    {
        var error = Assert.Throws<CompilerError>(() => TypeNameParser.ParseType(text))!;
        Assert.That(error.Message, Does.Contain($"'{text}'"));
        Assert.That(error.Message, Does.Contain("at position"));
    }

    [TestCase("f8")]
    [TestCase("f8(f8")]
    [TestCase("f8(f8) extra")]
    [TestCase("f8(f8,, i8)")]
    [TestCase("(f8[:], i9)")]
    public void InvalidSignatureThrowsCompilerError(string text)
    {
        var error = Assert.Throws<CompilerError>(() => TypeNameParser.ParseSignature(text))!;
        Assert.That(error.Message, Does.StartWith($"invalid type signature '{text}'"));
    }

    [Test]
    public void ErrorNamesWhatWasExpectedAndWhere()
    {
        var error = Assert.Throws<CompilerError>(() => TypeNameParser.ParseType("float65"))!;
        Assert.That(error.PythonClass, Is.EqualTo("TypeError"));
        Assert.That(error.Message, Is.EqualTo("invalid type signature 'float65': unknown type 'float65' at position 7"));
        error = Assert.Throws<CompilerError>(() => TypeNameParser.ParseType("f8[:, ::1, :]"))!;
        Assert.That(error.Message, Does.Contain("'::1' may only mark the first or last dimension"));
    }
}

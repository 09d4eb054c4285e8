using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Backends.Il;

/// <summary>
/// Vector256 code for fused element-wise bodies (RyuJIT never auto-vectorizes). A body is
/// vectorizable when all its array elements share one float type and it uses only operations
/// with a Vector256 form: + - * /, negation, sqrt, abs, floor/ceil/trunc - all exact, so vector
/// and scalar results are bit-identical - and, under fastmath, sin/cos/exp/log/log2 (a few ulp).
/// </summary>
public sealed class IlVectorizer(IlWriter il, Type element)
{
    private readonly Type _vector = typeof(Vector256<>).MakeGenericType(element);
    public int Width => 32 / (element == typeof(double) ? 8 : 4);
    public Type Vector => _vector;

    private static readonly HashSet<Intrinsic> Exact = [Intrinsic.Sqrt, Intrinsic.Abs, Intrinsic.Fabs, Intrinsic.Floor, Intrinsic.Ceil, Intrinsic.Trunc];
    private static readonly HashSet<Intrinsic> Approximate = [Intrinsic.Sin, Intrinsic.Cos, Intrinsic.Exp, Intrinsic.Log, Intrinsic.Log2];

    /// <summary>
    /// Whether <paramref name="body"/> has a Vector256 form. Subtrees that read no array
    /// (scalars, constants) are computed as scalars and splatted.
    /// </summary>
    public static bool CanVectorize(IrExpr body, NjType element, bool fastMath, Func<int, bool> isArray)
    {
        if (!ReadsArray(body, isArray)) return body.Type == element;
        return body switch
        {
            IrElementRef r => r.Type == element,
            IrBinary { Op: IrBinaryOp.Add or IrBinaryOp.Sub or IrBinaryOp.Mul or IrBinaryOp.TrueDiv } b =>
                b.Type == element && CanVectorize(b.Left, element, fastMath, isArray) && CanVectorize(b.Right, element, fastMath, isArray),
            IrUnary { Op: IrUnaryOp.Negate } u => u.Type == element && CanVectorize(u.Operand, element, fastMath, isArray),
            IrIntrinsicCall { Args.Count: 1 } i => i.Type == element && (Exact.Contains(i.Intrinsic) || fastMath && Approximate.Contains(i.Intrinsic))
                && CanVectorize(i.Args[0], element, fastMath, isArray),
            _ => false,
        };
    }

    public static bool ReadsArray(IrExpr e, Func<int, bool> isArray) => e switch
    {
        IrElementRef r => isArray(r.Input),
        IrBinary b => ReadsArray(b.Left, isArray) || ReadsArray(b.Right, isArray),
        IrUnary u => ReadsArray(u.Operand, isArray),
        IrConvert c => ReadsArray(c.Value, isArray),
        IrIntrinsicCall i => i.Args.Any(a => ReadsArray(a, isArray)),
        IrCompare c => ReadsArray(c.Left, isArray) || ReadsArray(c.Right, isArray),
        IrConditional c => ReadsArray(c.Condition, isArray) || ReadsArray(c.Then, isArray) || ReadsArray(c.Else, isArray),
        IrLogical l => ReadsArray(l.Left, isArray) || ReadsArray(l.Right, isArray),
        IrCall c => c.Args.Any(a => ReadsArray(a, isArray)),
        IrConstant or IrLoad => false,
        _ => true,   // unknown shapes are assumed to read arrays, so they are never splatted
    };

    /// <summary>Pushes Vector256.Load(address) for an array element pointer on the stack.</summary>
    public void EmitLoad() => il.Emit(OpCodes.Call, Generic("Load", element));

    /// <summary>Vector256.Store(vector, address): the vector, then the address, on the stack.</summary>
    public void EmitStore() => il.Emit(OpCodes.Call, Generic("Store", element));

    public void EmitSplat() => il.Emit(OpCodes.Call, typeof(Vector256).GetMethod("Create", [element])!);

    public void EmitBinary(IrBinaryOp op)
    {
        string name = op switch
        {
            IrBinaryOp.Add => "op_Addition", IrBinaryOp.Sub => "op_Subtraction", IrBinaryOp.Mul => "op_Multiply", _ => "op_Division",
        };
        il.Emit(OpCodes.Call, _vector.GetMethod(name, [_vector, _vector])!);
    }

    /// <summary>The sum of a vector's lanes.</summary>
    public void EmitHorizontalSum() => il.Emit(OpCodes.Call, Generic("Sum", element));

    /// <summary>Vector256.Max / Min of the two vectors on the stack (fastmath: NaN order not kept).</summary>
    public void EmitMinMax(bool max) => il.Emit(OpCodes.Call, Generic(max ? "Max" : "Min", element));

    /// <summary>Lane <paramref name="lane"/> of the vector on the stack.</summary>
    public void EmitGetElement(int lane)
    {
        il.Emit(OpCodes.Ldc_I4, lane);
        il.Emit(OpCodes.Call, typeof(Vector256).GetMethods().First(m => m.Name == "GetElement" && m.IsGenericMethodDefinition).MakeGenericMethod(element));
    }

    public void EmitNegate() => il.Emit(OpCodes.Call, _vector.GetMethod("op_UnaryNegation", [_vector])!);

    public void EmitIntrinsic(Intrinsic intrinsic)
    {
        string name = intrinsic switch
        {
            Intrinsic.Sqrt => "Sqrt", Intrinsic.Abs or Intrinsic.Fabs => "Abs", Intrinsic.Floor => "Floor",
            Intrinsic.Ceil => "Ceiling", Intrinsic.Trunc => "Truncate", Intrinsic.Sin => "Sin", Intrinsic.Cos => "Cos",
            Intrinsic.Exp => "Exp", Intrinsic.Log => "Log", _ => "Log2",
        };
        var exact = typeof(Vector256).GetMethod(name, [_vector]);
        il.Emit(OpCodes.Call, exact ?? Generic(name, element));
    }

    private static MethodInfo Generic(string name, Type element) =>
        typeof(Vector256).GetMethods().First(m => m.Name == name && m.IsGenericMethodDefinition &&
            (name != "Load" && name != "Store" || m.GetParameters().Any(p => p.ParameterType.IsPointer)))
            .MakeGenericMethod(element);
}

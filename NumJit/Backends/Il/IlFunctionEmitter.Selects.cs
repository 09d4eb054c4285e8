using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Backends.Il;

public sealed partial class IlFunctionEmitter
{
    /// <summary>
    /// A running minimum or maximum with its companions, without a branch:
    ///   if x &lt; m:          c = x &lt; m
    ///       m = x      =&gt;    m = minsd(x, m)
    ///       i = j            i ^= (i ^ j) &amp; -c
    /// On data such as k-means distances the branch is unpredictable, and RyuJIT turns neither the
    /// float update nor, inside loops, the integer ones into conditional moves (measured on .NET 10). minsd/maxsd return their
    /// second operand whenever the comparison is false (NaN and equal operands included), which is
    /// exactly what the Python statement leaves in m. Returns false (nothing emitted) for any other shape.
    /// </summary>
    private bool TryEmitRunningExtremum(IrIf statement)
    {
        if (!Sse2.IsSupported || statement.Else.Statements.Count != 0 ||
            statement.Condition is not IrCompare { Op: IrCompareOp.Lt or IrCompareOp.Gt } compare ||
            compare.Left is not IrLoad candidate || compare.Right is not IrLoad extremum ||
            candidate.Type is not FloatType || candidate.Type != extremum.Type || candidate.Variable == extremum.Variable)
            return false;
        var assigns = statement.Then.Statements.OfType<IrAssign>().ToList();
        if (assigns.Count != statement.Then.Statements.Count) return false;
        var targets = assigns.Select(a => a.Target).ToHashSet();
        if (targets.Count != assigns.Count || targets.Contains(candidate.Variable) || !targets.Contains(extremum.Variable)) return false;
        foreach (var assign in assigns)
        {
            bool ok = assign.Target == extremum.Variable
                ? assign.Value is IrLoad { Variable: var v } && v == candidate.Variable
                : assign.Target.Type is IntegerType { Bits: 32 or 64 } && assign.Value.Type == assign.Target.Type &&
                  (assign.Value is IrConstant || assign.Value is IrLoad load && !targets.Contains(load.Variable));
            if (!ok) return false;
        }

        var taken = _il.DeclareLocal(typeof(int), "$taken");
        EmitExpr(compare);
        _il.Emit(OpCodes.Stloc, taken);
        foreach (var assign in assigns)
        {
            if (assign.Target == extremum.Variable)
            {
                EmitScalarMinMax(candidate, extremum, max: compare.Op == IrCompareOp.Gt);
            }
            else
            {
                // t ^ ((t ^ value) & -taken)
                bool wide = ((IntegerType)assign.Target.Type).Bits == 64;
                Load(assign.Target);
                Load(assign.Target);
                EmitExpr(assign.Value);
                _il.Emit(OpCodes.Xor);
                _il.Emit(OpCodes.Ldloc, taken);
                if (wide) _il.Emit(OpCodes.Conv_I8);
                _il.Emit(OpCodes.Neg);
                _il.Emit(OpCodes.And);
                _il.Emit(OpCodes.Xor);
            }
            Store(assign.Target);
        }
        return true;
    }

    /// <summary>Pushes minsd(x, m) or maxsd(x, m) (or the single-precision forms) as a scalar.</summary>
    private void EmitScalarMinMax(IrLoad candidate, IrLoad extremum, bool max)
    {
        var element = ClrTypes.Of(candidate.Type);
        var vector = typeof(Vector128<>).MakeGenericType(element);
        var toVector = typeof(Vector128).GetMethods()
            .First(m => m.Name == nameof(Vector128.CreateScalarUnsafe) && m.GetParameters()[0].ParameterType == element);
        var toScalar = typeof(Vector128).GetMethod(nameof(Vector128.ToScalar))!.MakeGenericMethod(element);
        var isa = element == typeof(double) ? typeof(Sse2) : typeof(Sse);
        var operation = isa.GetMethod(max ? nameof(Sse2.MaxScalar) : nameof(Sse2.MinScalar), [vector, vector])!;
        Load(candidate.Variable);
        _il.Emit(OpCodes.Call, toVector);
        Load(extremum.Variable);
        _il.Emit(OpCodes.Call, toVector);
        _il.Emit(OpCodes.Call, operation);
        _il.Emit(OpCodes.Call, toScalar);
    }
}

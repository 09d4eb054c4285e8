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
    ///   if x &lt; m:          c = cmpltsd(x, m)     (all ones or zero)
    ///       m = x      =&gt;    m = minsd(x, m)
    ///       i = j            i ^= (i ^ j) &amp; c
    /// On data such as k-means distances the branch is unpredictable, and RyuJIT turns neither the
    /// float update nor, inside loops, the integer ones into conditional moves (measured on .NET 10). minsd/maxsd return their
    /// second operand whenever the comparison is false (NaN and equal operands included), which is
    /// exactly what the Python statement leaves in m. The mask comes from the vector compare rather
    /// than from ucomisd + setcc + negate: two instructions instead of four on the loop's critical
    /// path (k-means 3.8 -> 3.1 ms). Returns false (nothing emitted) for any other shape.
    /// </summary>
    private bool TryEmitRunningExtremum(IrIf statement)
    {
        if (RunningExtremumOf(statement) is not var (compare, candidate, extremum, assigns)) return false;
        bool max = compare.Op == IrCompareOp.Gt;
        // Both masks before any assignment: the extremum's update must not change the condition.
        var element = ClrTypes.Of(candidate.Type);
        var maskVector = _il.DeclareLocal(typeof(Vector128<>).MakeGenericType(element), "$maskv");
        EmitScalarOperands(candidate, extremum);
        _il.Emit(OpCodes.Call, ScalarOperation(element, max ? nameof(Sse2.CompareScalarGreaterThan) : nameof(Sse2.CompareScalarLessThan)));
        _il.Emit(OpCodes.Stloc, maskVector);
        LocalBuilder? mask = null;      // the integer mask, made only for companions kept in integer registers
        foreach (var assign in assigns)
        {
            if (_indexShadows.TryGetValue(assign.Target, out var shadow))
            {
                EmitShadowUpdate(shadow, assign.Value, maskVector);
                continue;
            }
            if (assign.Target == extremum.Variable)
                EmitScalarMinMax(candidate, extremum, max);
            else
            {
                if (mask == null)
                {
                    mask = _il.DeclareLocal(typeof(long), "$mask");
                    EmitScalarMask(maskVector, element);
                    _il.Emit(OpCodes.Stloc, mask);
                }
                // t ^ ((t ^ value) & mask)
                bool wide = ((IntegerType)assign.Target.Type).Bits == 64;
                Load(assign.Target);
                Load(assign.Target);
                EmitExpr(assign.Value);
                _il.Emit(OpCodes.Xor);
                _il.Emit(OpCodes.Ldloc, mask);
                if (!wide) _il.Emit(OpCodes.Conv_I4);
                _il.Emit(OpCodes.And);
                _il.Emit(OpCodes.Xor);
            }
            Store(assign.Target);
        }
        return true;
    }

    /// <summary>The parts of <c>if x &lt; m: m = x; i = j ...</c>, or null for any other statement.</summary>
    private static (IrCompare Compare, IrLoad Candidate, IrLoad Extremum, List<IrAssign> Assigns)? RunningExtremumOf(IrIf statement)
    {
        if (!Sse2.IsSupported || statement.Else.Statements.Count != 0 ||
            statement.Condition is not IrCompare { Op: IrCompareOp.Lt or IrCompareOp.Gt } compare ||
            compare.Left is not IrLoad candidate || compare.Right is not IrLoad extremum ||
            candidate.Type is not FloatType || candidate.Type != extremum.Type || candidate.Variable == extremum.Variable)
            return null;
        var assigns = statement.Then.Statements.OfType<IrAssign>().ToList();
        if (assigns.Count != statement.Then.Statements.Count) return null;
        var targets = assigns.Select(a => a.Target).ToHashSet();
        if (targets.Count != assigns.Count || targets.Contains(candidate.Variable) || !targets.Contains(extremum.Variable)) return null;
        foreach (var assign in assigns)
        {
            bool ok = assign.Target == extremum.Variable
                ? assign.Value is IrLoad { Variable: var v } && v == candidate.Variable
                : assign.Target.Type is IntegerType { Bits: 32 or 64 } && assign.Value.Type == assign.Target.Type &&
                  (assign.Value is IrConstant || assign.Value is IrLoad load && !targets.Contains(load.Variable));
            if (!ok) return null;
        }
        return (compare, candidate, extremum, assigns);
    }

    /// <summary>Pushes minsd(x, m) or maxsd(x, m) (or the single-precision forms) as a scalar.</summary>
    private void EmitScalarMinMax(IrLoad candidate, IrLoad extremum, bool max)
    {
        var element = EmitScalarOperands(candidate, extremum);
        _il.Emit(OpCodes.Call, ScalarOperation(element, max ? nameof(Sse2.MaxScalar) : nameof(Sse2.MinScalar)));
        _il.Emit(OpCodes.Call, typeof(Vector128).GetMethod(nameof(Vector128.ToScalar))!.MakeGenericMethod(element));
    }

    /// <summary>Pushes lane 0 of a compare result as an int64 mask: -1 when true, 0 when false or unordered.</summary>
    private void EmitScalarMask(LocalBuilder maskVector, Type element)
    {
        _il.Emit(OpCodes.Ldloc, maskVector);
        var integer = element == typeof(double) ? typeof(long) : typeof(int);
        _il.Emit(OpCodes.Call, typeof(Vector128).GetMethod(nameof(Vector128.As))!.MakeGenericMethod(element, integer));
        _il.Emit(OpCodes.Call, typeof(Vector128).GetMethod(nameof(Vector128.ToScalar))!.MakeGenericMethod(integer));
        if (integer == typeof(int)) _il.Emit(OpCodes.Conv_I8);
    }

    /// <summary>Pushes x and m as Vector128 scalars; returns their element type.</summary>
    private Type EmitScalarOperands(IrLoad candidate, IrLoad extremum)
    {
        var element = ClrTypes.Of(candidate.Type);
        var toVector = CreateScalarUnsafe(element);
        Load(candidate.Variable);
        _il.Emit(OpCodes.Call, toVector);
        Load(extremum.Variable);
        _il.Emit(OpCodes.Call, toVector);
        return element;
    }

    private static System.Reflection.MethodInfo ScalarOperation(Type element, string name)
    {
        var vector = typeof(Vector128<>).MakeGenericType(element);
        var isa = element == typeof(double) ? typeof(Sse2) : typeof(Sse);
        return isa.GetMethod(name, [vector, vector])!;
    }
}

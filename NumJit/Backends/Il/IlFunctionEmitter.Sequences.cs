using System.Reflection.Emit;
using NumJit.Interop;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Backends.Il;

public sealed partial class IlFunctionEmitter
{
    /// <summary>
    /// math.fsum/hypot/dist/prod over sequences: tuple items are gathered into a double[]; arrays
    /// are passed with their numpy type number. Returns false for other intrinsics.
    /// </summary>
    private bool EmitSequenceIntrinsic(IrIntrinsicCall call)
    {
        string? valuesMethod = call.Intrinsic switch
        {
            Intrinsic.FsumValues => nameof(ArraySequences.Fsum),
            Intrinsic.HypotValues => nameof(ArraySequences.Hypot),
            Intrinsic.DistValues => nameof(ArraySequences.Dist),
            _ => null,
        };
        if (valuesMethod != null)
        {
            _il.Emit(OpCodes.Ldc_I4, call.Args.Count);
            _il.Emit(OpCodes.Newarr, typeof(double));
            for (int i = 0; i < call.Args.Count; i++)
            {
                _il.Emit(OpCodes.Dup);
                _il.Emit(OpCodes.Ldc_I4, i);
                EmitExpr(call.Args[i]);
                _il.Emit(OpCodes.Stelem_R8);
            }
            _il.Emit(OpCodes.Call, typeof(ArraySequences).GetMethod(valuesMethod, [typeof(double[])])!);
            return true;
        }
        string? arrayMethod = call.Intrinsic switch
        {
            Intrinsic.FsumArray => nameof(ArraySequences.FsumArray),
            Intrinsic.HypotArray => nameof(ArraySequences.HypotArray),
            Intrinsic.DistArrays => nameof(ArraySequences.DistArrays),
            Intrinsic.ProdArray => call.Type is IntegerType ? nameof(ArraySequences.ProdArrayInt) : nameof(ArraySequences.ProdArray),
            _ => null,
        };
        if (arrayMethod == null) return false;
        foreach (var arg in call.Args) EmitExpr(arg);
        _il.Emit(OpCodes.Ldc_I4, NumpyRuntime.TypeNum(((ArrayType)call.Args[0].Type).DType.Name));
        _il.Emit(OpCodes.Call, typeof(ArraySequences).GetMethod(arrayMethod)!);
        return true;
    }
}

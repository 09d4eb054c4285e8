using System.Numerics;
using System.Reflection.Emit;
using NumJit.Interop;
using NumJit.IR.Types;

namespace NumJit.Backends.Il;

/// <summary>Loading and storing array elements of every dtype through an address on the stack.</summary>
public static class IlMemory
{
    /// <summary>address -> value</summary>
    public static void EmitLoad(IlWriter il, NjType dtype)
    {
        switch (dtype)
        {
            case BooleanType: il.Emit(OpCodes.Ldind_U1); break;
            case IntegerType { Bits: 8, Signed: true }: il.Emit(OpCodes.Ldind_I1); break;
            case IntegerType { Bits: 8 }: il.Emit(OpCodes.Ldind_U1); break;
            case IntegerType { Bits: 16, Signed: true }: il.Emit(OpCodes.Ldind_I2); break;
            case IntegerType { Bits: 16 }: il.Emit(OpCodes.Ldind_U2); break;
            case IntegerType { Bits: 32, Signed: true }: il.Emit(OpCodes.Ldind_I4); break;
            case IntegerType { Bits: 32 }: il.Emit(OpCodes.Ldind_U4); break;
            case IntegerType: il.Emit(OpCodes.Ldind_I8); break;
            case FloatType { Bits: 32 }: il.Emit(OpCodes.Ldind_R4); break;
            case FloatType: il.Emit(OpCodes.Ldind_R8); break;
            case ComplexType { Bits: 128 }: il.Emit(OpCodes.Ldobj, typeof(Complex)); break;
            case ComplexType: il.Emit(OpCodes.Call, typeof(ArrayFactory).GetMethod(nameof(ArrayFactory.ReadComplex64))!); break;
            default: throw new InvalidOperationException($"arrays of {dtype}");
        }
    }

    /// <summary>address, value -> (stored)</summary>
    public static void EmitStore(IlWriter il, NjType dtype)
    {
        switch (dtype)
        {
            case BooleanType or IntegerType { Bits: 8 }: il.Emit(OpCodes.Stind_I1); break;
            case IntegerType { Bits: 16 }: il.Emit(OpCodes.Stind_I2); break;
            case IntegerType { Bits: 32 }: il.Emit(OpCodes.Stind_I4); break;
            case IntegerType: il.Emit(OpCodes.Stind_I8); break;
            case FloatType { Bits: 32 }: il.Emit(OpCodes.Stind_R4); break;
            case FloatType: il.Emit(OpCodes.Stind_R8); break;
            case ComplexType { Bits: 128 }: il.Emit(OpCodes.Stobj, typeof(Complex)); break;
            case ComplexType: il.Emit(OpCodes.Call, typeof(ArrayFactory).GetMethod(nameof(ArrayFactory.WriteComplex64))!); break;
            default: throw new InvalidOperationException($"arrays of {dtype}");
        }
    }
}

using System.Numerics;
using System.Reflection;
using System.Reflection.Emit;
using NumJit.IR;
using NumJit.IR.Types;
using NumJit.Runtime;

namespace NumJit.Backends.Il;

public sealed partial class IlFunctionEmitter
{
    private static readonly Dictionary<Type, OpCode> ConvertTo = new()
    {
        [typeof(sbyte)] = OpCodes.Conv_I1, [typeof(short)] = OpCodes.Conv_I2, [typeof(int)] = OpCodes.Conv_I4,
        [typeof(long)] = OpCodes.Conv_I8, [typeof(byte)] = OpCodes.Conv_U1, [typeof(ushort)] = OpCodes.Conv_U2,
        [typeof(uint)] = OpCodes.Conv_U4, [typeof(ulong)] = OpCodes.Conv_U8, [typeof(float)] = OpCodes.Conv_R4,
        [typeof(double)] = OpCodes.Conv_R8,
    };

    /// <summary>Converts the value on the stack between numeric types (and no-op array/optional casts).</summary>
    private void EmitConversion(NjType from, NjType to)
    {
        if (from == to || to is ArrayType || (to is OptionalType && from is OptionalType)) return;
        var source = ClrTypes.Of(from);
        var target = ClrTypes.Of(to);
        if (to is ComplexType)
        {
            if (from is ComplexType) return;   // complex64 is carried at complex128 precision
            EmitConversion(from, NjTypes.Float64);
            _il.Emit(OpCodes.Ldc_R8, 0.0);
            _il.Emit(OpCodes.Newobj, typeof(Complex).GetConstructor([typeof(double), typeof(double)])!);
            return;
        }
        if (to is BooleanType)
        {
            // x != 0, as numpy converts numbers to bool.
            if (from is FloatType) EmitConstant(0.0, from);
            else if (source == typeof(long) || source == typeof(ulong)) { _il.Emit(OpCodes.Ldc_I4_0); _il.Emit(OpCodes.Conv_I8); }
            else _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Ceq);
            Negate();
            return;
        }
        if (from is FloatType && to is IntegerType { Bits: 64, Signed: true })
        {
            if (from == NjTypes.Float32) _il.Emit(OpCodes.Conv_R8);
            _il.Emit(OpCodes.Call, typeof(PyConvert).GetMethod(nameof(PyConvert.FloatToLong))!);
            return;
        }
        if (from is IntegerType { Signed: false } && to is FloatType)
        {
            _il.Emit(OpCodes.Conv_R_Un);
            _il.Emit(ConvertTo[target]);
            return;
        }
        if (from is BooleanType && to is IntegerType { Bits: 64 }) { _il.Emit(OpCodes.Conv_U8); return; }
        _il.Emit(ConvertTo[target]);
    }

    private void EmitBinary(IrBinary binary)
    {
        var type = binary.Type;
        EmitExpr(binary.Left);
        EmitExpr(binary.Right);
        var clr = ClrTypes.Of(type);
        if (type is ComplexType)
        {
            // CPython's algorithms (ComplexMath), so results match bit for bit.
            var method = binary.Op switch
            {
                IrBinaryOp.Add => typeof(Complex).GetMethod("op_Addition", [typeof(Complex), typeof(Complex)]),
                IrBinaryOp.Sub => typeof(Complex).GetMethod("op_Subtraction", [typeof(Complex), typeof(Complex)]),
                IrBinaryOp.Mul => typeof(ComplexMath).GetMethod(nameof(ComplexMath.Multiply)),
                IrBinaryOp.TrueDiv => typeof(ComplexMath).GetMethod(nameof(ComplexMath.Divide)),
                IrBinaryOp.Pow => typeof(ComplexMath).GetMethod(nameof(ComplexMath.Pow)),
                _ => throw new InvalidOperationException($"{binary.Op} on complex"),
            };
            _il.Emit(OpCodes.Call, method!);
            return;
        }
        switch (binary.Op)
        {
            case IrBinaryOp.Add: _il.Emit(OpCodes.Add); break;
            case IrBinaryOp.Sub: _il.Emit(OpCodes.Sub); break;
            case IrBinaryOp.Mul: _il.Emit(OpCodes.Mul); break;
            case IrBinaryOp.BitAnd: _il.Emit(OpCodes.And); break;
            case IrBinaryOp.BitOr: _il.Emit(OpCodes.Or); break;
            case IrBinaryOp.BitXor: _il.Emit(OpCodes.Xor); break;
            case IrBinaryOp.LShift:
                _il.Emit(OpCodes.Call, typeof(IntegerOps).GetMethod(nameof(IntegerOps.LeftShift), [clr, clr])!);
                break;
            case IrBinaryOp.RShift:
                _il.Emit(OpCodes.Call, typeof(IntegerOps).GetMethod(nameof(IntegerOps.RightShift), [clr, clr])!);
                break;
            case IrBinaryOp.TrueDiv when clr == typeof(float) && (_options.NumpyErrorModel || binary.NumpyErrors):
                _il.Emit(OpCodes.Div);
                break;
            case IrBinaryOp.TrueDiv when clr == typeof(float):
                _il.Emit(OpCodes.Call, typeof(IntegerOps).GetMethod(nameof(IntegerOps.TrueDiv), [clr, clr])!);
                break;
            case IrBinaryOp.TrueDiv or IrBinaryOp.FloorDiv or IrBinaryOp.Mod or IrBinaryOp.Pow when clr == typeof(float):
                EmitFloat32ViaDouble(binary.Op, ClrTypes.Of(binary.Right.Type));
                break;
            case IrBinaryOp.TrueDiv or IrBinaryOp.FloorDiv or IrBinaryOp.Mod or IrBinaryOp.Pow:
            {
                string name = binary.Op switch
                {
                    IrBinaryOp.TrueDiv => nameof(PyArith.TrueDiv), IrBinaryOp.FloorDiv => nameof(PyArith.FloorDiv),
                    IrBinaryOp.Mod => nameof(PyArith.Mod), _ => nameof(PyArith.Pow),
                };
                var right = ClrTypes.Of(binary.Right.Type);
                // error_model='numpy' replaces the raising division helpers (not ** , which never divides by zero there).
                var method = ((_options.NumpyErrorModel || binary.NumpyErrors) && binary.Op != IrBinaryOp.Pow
                        ? typeof(NumpyErrorModel).GetMethod(name, [clr, right]) : null)
                    ?? typeof(PyArith).GetMethod(name, [clr, right])
                    ?? throw new InvalidOperationException($"no PyArith.{name}({clr.Name}, {right.Name})");
                _il.Emit(OpCodes.Call, method);
                break;
            }
            default:
                throw new InvalidOperationException(binary.Op.ToString());
        }
    }

    /// <summary>float32 //, % and ** computed in float64 by the Python-semantics helpers, then rounded.</summary>
    private void EmitFloat32ViaDouble(IrBinaryOp op, Type rightClr)
    {
        var right = _il.DeclareLocal(rightClr);
        _il.Emit(OpCodes.Stloc, right);
        _il.Emit(OpCodes.Conv_R8);
        _il.Emit(OpCodes.Ldloc, right);
        if (rightClr == typeof(float)) _il.Emit(OpCodes.Conv_R8);
        var rightWide = rightClr == typeof(float) ? typeof(double) : rightClr;
        string name = op switch { IrBinaryOp.FloorDiv => nameof(PyArith.FloorDiv), IrBinaryOp.Mod => nameof(PyArith.Mod), _ => nameof(PyArith.Pow) };
        _il.Emit(OpCodes.Call, typeof(PyArith).GetMethod(name, [typeof(double), rightWide])!);
        _il.Emit(OpCodes.Conv_R4);
    }

    private void EmitUnary(IrUnary unary)
    {
        EmitExpr(unary.Operand);
        switch (unary.Op)
        {
            case IrUnaryOp.Not:
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(OpCodes.Ceq);
                break;
            case IrUnaryOp.Invert:
                _il.Emit(OpCodes.Not);
                break;
            case IrUnaryOp.Negate when unary.Type is ComplexType:
                _il.Emit(OpCodes.Call, typeof(Complex).GetMethod("op_UnaryNegation", [typeof(Complex)])!);
                break;
            case IrUnaryOp.Negate:
                _il.Emit(OpCodes.Neg);
                break;
        }
    }

    private void EmitCompare(IrCompare compare)
    {
        var type = compare.Left.Type;
        EmitExpr(compare.Left);
        EmitExpr(compare.Right);
        if (type is ComplexType)
        {
            _il.Emit(OpCodes.Call, typeof(Complex).GetMethod(compare.Op == IrCompareOp.Eq ? "op_Equality" : "op_Inequality",
                [typeof(Complex), typeof(Complex)])!);
            return;
        }
        bool unsigned = type is IntegerType { Signed: false };
        bool isFloat = type is FloatType;
        switch (compare.Op)
        {
            case IrCompareOp.Eq: _il.Emit(OpCodes.Ceq); break;
            case IrCompareOp.Ne: _il.Emit(OpCodes.Ceq); Negate(); break;
            case IrCompareOp.Lt: _il.Emit(unsigned ? OpCodes.Clt_Un : OpCodes.Clt); break;
            case IrCompareOp.Gt: _il.Emit(unsigned ? OpCodes.Cgt_Un : OpCodes.Cgt); break;
            // a <= b is !(a > b), where "greater" must count unordered (NaN) as true for floats.
            case IrCompareOp.Le: _il.Emit(unsigned || isFloat ? OpCodes.Cgt_Un : OpCodes.Cgt); Negate(); break;
            case IrCompareOp.Ge: _il.Emit(unsigned || isFloat ? OpCodes.Clt_Un : OpCodes.Clt); Negate(); break;
        }
    }

    private void Negate()
    {
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Ceq);
    }
}

namespace NumJit.IR.Types;

/// <summary>
/// Parses numba's type and signature spellings: "float64", "f8[:, ::1]", "readonly array(int64, 2d, A)",
/// "UniTuple(f8 x 3)", "UniTuple(f8, 3)", "Tuple(i8, f8)", "(i8, f8)", "OptionalType(f8)", and
/// signatures "f8(f8[:], i8)" (a return type is optional: "(f8[:], i8)").
/// </summary>
public sealed class TypeNameParser
{
    private readonly string _text;
    private int _pos;

    private TypeNameParser(string text) => _text = text;

    public static NjType ParseType(string text)
    {
        var parser = new TypeNameParser(text);
        var type = parser.Type();
        parser.ExpectEnd();
        return type;
    }

    /// <summary>Returns (return type or null, argument types).</summary>
    public static (NjType? Return, IReadOnlyList<NjType> Args) ParseSignature(string text)
    {
        var parser = new TypeNameParser(text);
        parser.Skip();
        NjType? ret = null;
        if (!parser.Peek('(')) ret = parser.Type();
        parser.Expect('(');
        var args = parser.TypeList(')');
        parser.ExpectEnd();
        return (ret, args);
    }

    private NjType Type()
    {
        Skip();
        NjType type;
        if (Peek('('))
        {
            _pos++;
            type = TupleOf(TypeList(')'));
        }
        else
        {
            string word = Word();
            type = word switch
            {
                "readonly" => ReadOnlyArray(),
                "array" => ArrayTail(false),
                "UniTuple" => UniTupleTail(),
                "Tuple" => TupleTail(),
                "OptionalType" or "Optional" => OptionalTail(),
                _ => NjTypes.ByName.TryGetValue(word, out var t) ? t : throw Error($"unknown type '{word}'"),
            };
        }
        Skip();
        if (Peek('[')) type = ArraySuffix(type);
        return type;
    }

    private NjType ReadOnlyArray()
    {
        string word = Word();
        if (word != "array") throw Error("expected 'array' after 'readonly'");
        return ArrayTail(true);
    }

    private NjType ArrayTail(bool readOnly)
    {
        Expect('(');
        var dtype = Type();
        Expect(',');
        int ndim = Count("a number of dimensions", 32);
        Expect('d');
        Expect(',');
        string layout = Word();
        Expect(')');
        var parsed = layout switch
        {
            "C" => ArrayLayout.C, "F" => ArrayLayout.F, "A" => ArrayLayout.A,
            _ => throw Error($"unknown array layout '{layout}' (C, F or A)"),
        };
        return new ArrayType(dtype, ndim, parsed, readOnly);
    }

    /// <summary>f8[:], f8[:, :], f8[::1] (C), f8[:, ::1] (C), f8[::1, :] (F).</summary>
    private NjType ArraySuffix(NjType dtype)
    {
        Expect('[');
        var dims = new List<bool>();   // true where the dimension is "::1"
        while (true)
        {
            Expect(':');
            bool contiguous = false;
            Skip();
            if (Peek(':'))
            {
                _pos++;
                Skip();
                if (!Peek('1')) throw Error("expected '1' in '::1'");
                _pos++;
                contiguous = true;
            }
            dims.Add(contiguous);
            Skip();
            if (Peek(']')) { _pos++; break; }
            Expect(',');
        }
        var layout = ArrayLayout.A;
        if (dims.Count == 1 && dims[0]) layout = ArrayLayout.C;
        else if (dims.Count > 1 && dims[^1] && !dims.Take(dims.Count - 1).Any(d => d)) layout = ArrayLayout.C;
        else if (dims.Count > 1 && dims[0] && !dims.Skip(1).Any(d => d)) layout = ArrayLayout.F;
        else if (dims.Any(d => d)) throw Error("'::1' may only mark the first or last dimension");
        return new ArrayType(dtype, dims.Count, layout);
    }

    private NjType UniTupleTail()
    {
        Expect('(');
        var item = Type();
        Skip();
        if (Peek('x')) _pos++;
        else Expect(',');
        int count = Count("a tuple length", 1024);
        Expect(')');
        return new TupleType(Enumerable.Repeat(item, count).ToArray());
    }

    private NjType TupleTail()
    {
        Expect('(');
        Skip();
        if (Peek('('))   // Tuple((a, b)) as numba writes it in Python
        {
            _pos++;
            var inner = TypeList(')');
            Expect(')');
            return new TupleType(inner.ToArray());
        }
        return new TupleType(TypeList(')').ToArray());
    }

    private NjType OptionalTail()
    {
        Expect('(');
        var inner = Type();
        Expect(')');
        return new OptionalType(inner);
    }

    /// <summary>A small non-negative integer, at most <paramref name="max"/>.</summary>
    private int Count(string what, int max)
    {
        Skip();
        int start = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (start == _pos) throw Error("expected " + what);
        if (_pos - start > 6 || int.Parse(_text.AsSpan(start, _pos - start)) is var n && n > max)
            throw Error($"{what} above {max}");
        return n;
    }

    private static NjType TupleOf(IReadOnlyList<NjType> items) => new TupleType(items.ToArray());

    private List<NjType> TypeList(char close)
    {
        var items = new List<NjType>();
        Skip();
        if (Peek(close)) { _pos++; return items; }
        while (true)
        {
            items.Add(Type());
            Skip();
            if (Peek(close)) { _pos++; return items; }
            Expect(',');
            Skip();
            if (Peek(close)) { _pos++; return items; }
        }
    }

    private string Word()
    {
        Skip();
        int start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        if (start == _pos) throw Error("expected a type name");
        return _text[start.._pos];
    }

    private void Skip()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private bool Peek(char c) => _pos < _text.Length && _text[_pos] == c;

    private void Expect(char c)
    {
        Skip();
        if (!Peek(c)) throw Error($"expected '{c}'");
        _pos++;
    }

    private void ExpectEnd()
    {
        Skip();
        if (_pos != _text.Length) throw Error("unexpected text");
    }

    private CompilerError Error(string what) =>
        new("TypeError", $"invalid type signature '{_text}': {what} at position {_pos}");
}

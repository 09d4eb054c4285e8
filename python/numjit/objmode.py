"""Object mode for ``@jit``: the function runs in CPython, with its loops lifted.

When nopython compilation of a ``@jit`` function fails (or ``forceobj=True``), each outermost
loop that can be cut out cleanly becomes a function of its own and is given to a jitted
dispatcher:
- its live-in variables (defined before the loop and used in it) are the parameters;
- its live-out variables (assigned in it and used after it) come back as a tuple;
- the function runs as a rewritten copy, in which each such loop is replaced by
  ``(a, b) = lifted(x, y, a, b)``.

A lifted loop that does not type-check either runs in CPython too.

A loop is lifted only when the cut is exact:
- no ``return``, ``yield``, ``global``, ``nonlocal`` or ``del`` inside it;
- no variable of an enclosing function's closure;
- every live-out already bound before the loop, since a loop that runs zero times must leave
  it as it was.

Lifted loops honour ``cache=True`` like any other jitted function (numba cannot cache functions
with lifted loops).
"""
import ast
import textwrap
import types

from . import _request


class Lifted:
    """What object mode runs: the rewritten function and its lifted loops' dispatchers."""

    def __init__(self, function, loops, skipped):
        self.function = function
        self.loops = loops          # Dispatchers, in source order
        self.skipped = skipped      # (line, reason) of loops left to CPython

    def __call__(self, *args, **kwargs):
        return self.function(*args, **kwargs)

    def fallback_message(self, qualname, types, error):
        """The NumJitWarning text: what fell back, what was lifted or kept, and the nopython error."""
        signature = "(%s)" % ", ".join(types) if types else ""
        if self.loops:
            lines = ", ".join(str(d.py_func.__code__.co_firstlineno + 1) for d in self.loops)   # def is on the line before
            lifted = "; %d loop(s) lifted to compiled code (line %s)" % (len(self.loops), lines)
        else:
            lifted = "; no loop lifted"
        kept = "".join("\n  the loop at line %d stays in CPython: %s" % s for s in self.skipped)
        return ("%s%s cannot be compiled in nopython mode, so it runs in object mode (the CPython interpreter)%s.%s"
                "\nReason: %s" % (qualname, signature, lifted, kept, error))


def lift(py_func, options):
    """Lifted for py_func; without liftable loops its function is py_func itself."""
    code = py_func.__code__
    if code.co_flags & (0x20 | 0x80 | 0x200):            # generator, coroutine, async generator
        return Lifted(py_func, [], [])
    try:
        source, indent = _request.function_source(py_func)
        tree = ast.parse(source)
    except Exception:                                      # no source, or not parseable alone
        return Lifted(py_func, [], [])
    definition = tree.body[0]
    if not isinstance(definition, ast.FunctionDef):
        return Lifted(py_func, [], [])
    line_offset = code.co_firstlineno - 1                  # the source starts at the first decorator
    ast.increment_lineno(tree, line_offset)
    parameters = [a.arg for a in definition.args.posonlyargs + definition.args.args]
    if definition.args.vararg:
        parameters.append(definition.args.vararg.arg)
    parameters += [a.arg for a in definition.args.kwonlyargs]
    if definition.args.kwarg:
        parameters.append(definition.args.kwarg.arg)
    lines = source.splitlines(True)
    loops, skipped, body = [], [], []
    bound = set(parameters)
    for position, statement in enumerate(definition.body):
        if isinstance(statement, (ast.For, ast.While)):
            later = _names(definition.body[position + 1:])
            reason = _why_not(statement, bound, later, set(code.co_freevars))
            if reason is None:
                dispatcher, call = _lift_loop(py_func, options, statement, lines, line_offset, indent, bound, later,
                                              len(loops))
                loops.append(dispatcher)
                body.append(call)
                bound |= _writes(statement)
                continue
            skipped.append((statement.lineno, reason))
        body.append(statement)
        bound |= _writes(statement)
    if not loops:
        return Lifted(py_func, [], skipped)
    definition.body = body
    definition.decorator_list = []
    return Lifted(_rebuild(py_func, definition, loops), loops, skipped)


def _why_not(loop, bound, later, freevars):
    for node in ast.walk(loop):
        if isinstance(node, (ast.Return, ast.Yield, ast.YieldFrom, ast.Global, ast.Nonlocal, ast.Await)):
            return "it contains %s" % type(node).__name__.lower()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Del):
            return "it deletes a variable"
        if isinstance(node, (ast.FunctionDef, ast.Lambda, ast.ClassDef)):
            return "it defines a function or class"
    used = _reads(loop) | _writes(loop)
    if used & freevars:
        return "it uses the closure variable(s) %s" % ", ".join(sorted(used & freevars))
    unbound = sorted((_writes(loop) & later) - bound)
    if unbound:
        return "%s would be unbound after a loop that ran no iterations" % ", ".join(unbound)
    return None


def _lift_loop(py_func, options, loop, lines, line_offset, indent, bound, later, ordinal):
    from .dispatcher import Dispatcher
    live_in = sorted((_reads(loop) | _writes(loop)) & bound)
    live_out = sorted(_writes(loop) & later)
    name = "%s__lifted_loop%d" % (py_func.__name__, ordinal)
    # The loop's own lines, re-indented under a def placed on the line before the loop, so
    # that line numbers in errors and tracebacks are the file's.
    first, last = loop.lineno - line_offset, loop.end_lineno - line_offset
    loop_text = textwrap.dedent("".join(lines[first - 1:last]))
    text = "def %s(%s):\n%s    return (%s)\n" % (
        name, ", ".join(live_in), textwrap.indent(loop_text, "    "), "".join(v + ", " for v in live_out))
    filename = py_func.__code__.co_filename
    module = compile("\n" * (loop.lineno - 2) + text, filename, "exec", dont_inherit=True)
    function_code = next(c for c in module.co_consts if isinstance(c, types.CodeType))
    lifted = types.FunctionType(function_code, py_func.__globals__, name)
    lifted.__qualname__ = "%s.<lifted loop %d>" % (py_func.__qualname__, ordinal)
    lifted.__module__ = py_func.__module__
    dispatcher = Dispatcher(lifted, dict(options, nopython=False, forceobj=False), lifted_from=py_func)
    dispatcher._source = (text, indent + _indent_of(lines[first - 1]) - 4)
    call = ast.parse("(%s) = %s(%s)" % ("".join(v + ", " for v in live_out) or "()", name, ", ".join(live_in)))
    statement = call.body[0] if live_out else ast.Expr(call.body[0].value)
    for node in ast.walk(statement):
        if hasattr(node, "lineno"):
            node.lineno = node.end_lineno = loop.lineno
            node.col_offset, node.end_col_offset = loop.col_offset, loop.end_col_offset
    return dispatcher, statement


def _indent_of(line):
    return len(line) - len(line.lstrip())


def _rebuild(py_func, definition, loops):
    """The rewritten function, closing over the lifted dispatchers (its globals stay the module's)."""
    names = ["%s__lifted_loop%d" % (py_func.__name__, k) for k in range(len(loops))]
    maker = ast.FunctionDef(
        name="__numjit_object_mode", args=ast.arguments(posonlyargs=[], args=[ast.arg(arg=n) for n in names],
                                                       kwonlyargs=[], kw_defaults=[], defaults=[]),
        body=[definition, ast.Return(value=ast.Name(id=definition.name, ctx=ast.Load()))], decorator_list=[])
    module = ast.Module(body=[maker], type_ignores=[])
    ast.fix_missing_locations(module)
    code = compile(module, py_func.__code__.co_filename, "exec", dont_inherit=True)
    maker_code = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    function = types.FunctionType(maker_code, py_func.__globals__, maker.name)(*loops)
    function.__defaults__ = py_func.__defaults__
    function.__kwdefaults__ = py_func.__kwdefaults__
    function.__qualname__ = py_func.__qualname__
    function.__doc__ = py_func.__doc__
    return function


def _names(statements):
    found = set()
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name):
                found.add(node.id)
    return found


def _reads(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _writes(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del))}


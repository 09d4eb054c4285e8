using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using NumJit.Frontend;
using NUnit.Framework;

namespace NumJit.Tests.Frontend;

/// <summary>
/// Parses every .py file of the reference interpreter's standard library and compares
/// <c>AstDumper.Dump(tree, includeAttributes: true)</c> with CPython's
/// <c>ast.dump(ast.parse(source), include_attributes=True)</c>.
///
/// The interpreter is $NUMJIT_PYTHON, else /usr/bin/python3, else python3 on PATH; one helper
/// process dumps all files. Files CPython itself rejects (bad-syntax test data, undecodable
/// sources) are skipped and reported, as are files whose coding cookie names an encoding .NET
/// cannot decode. Third-party site-packages/dist-packages trees are not part of the stdlib.
///
/// Known deviations (none occur in a Debian/Ubuntu python3.11 stdlib; they show up in CPython's
/// own test suite): a string written as two escaped surrogates such as '\ud834\udd1e' is the same
/// UTF-16 string as the astral character it encodes, so it dumps as that character; and
/// str.isprintable in repr follows .NET's (newer) Unicode tables, not Unicode 14.
/// </summary>
[TestFixture]
[NonParallelizable]
public class StdlibRoundTripTests
{
    private const string HelperScript = """
        import ast, os, sys
        listing, outdir = sys.argv[1], sys.argv[2]
        files = open(listing, encoding='utf-8').read().splitlines()
        for i, f in enumerate(files):
            try:
                with open(f, 'rb') as fh:
                    src = fh.read()
                text = ast.dump(ast.parse(src), include_attributes=True)
                status = 'OK'
            except BaseException as e:
                text = ''
                status = 'SKIP ' + type(e).__name__ + ': ' + str(e).replace('\n', ' ')
            with open(os.path.join(outdir, '%d.txt' % i), 'w', encoding='utf-8') as out:
                out.write(text)
            print(i, status, flush=True)
        """;

    [Test]
    public void EveryStdlibFileMatchesCPython()
    {
        string python = FindPython();
        string stdlib = RunPython(python, "-c \"import sysconfig;print(sysconfig.get_paths()['stdlib'])\"").Trim();
        Assert.That(Directory.Exists(stdlib), $"stdlib directory '{stdlib}' not found");

        var files = Directory.EnumerateFiles(stdlib, "*.py", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}site-packages{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}dist-packages{Path.DirectorySeparatorChar}"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
        Assert.That(files, Is.Not.Empty);

        string temp = Path.Combine(Path.GetTempPath(), "numjit-stdlib-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            string script = Path.Combine(temp, "dump_ast.py");
            string listing = Path.Combine(temp, "files.txt");
            File.WriteAllText(script, HelperScript);
            File.WriteAllLines(listing, files, new UTF8Encoding(false));

            var cpythonWatch = Stopwatch.StartNew();
            string statusText = RunPython(python, $"\"{script}\" \"{listing}\" \"{temp}\"");
            cpythonWatch.Stop();
            var status = new string[files.Length];
            foreach (var line in statusText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                int sp = line.IndexOf(' ');
                status[int.Parse(line.AsSpan(0, sp))] = line.Substring(sp + 1).TrimEnd('\r');
            }

            var skipped = new ConcurrentBag<string>();
            var mismatches = new ConcurrentBag<(string File, string Detail)>();
            long parseTicks = 0;
            int compared = 0;
            var wall = Stopwatch.StartNew();
            Parallel.For(0, files.Length, i =>
            {
                string? st = status[i];
                Assert.That(st, Is.Not.Null, $"no CPython result for {files[i]}");
                if (st != "OK")
                {
                    skipped.Add($"{files[i]}: {st}");
                    return;
                }
                byte[] bytes = File.ReadAllBytes(files[i]);
                string ours;
                var sw = Stopwatch.StartNew();
                try
                {
                    var module = PythonParser.ParseModule(bytes, files[i]);
                    Interlocked.Add(ref parseTicks, sw.ElapsedTicks);
                    ours = AstDumper.Dump(module, includeAttributes: true);
                }
                catch (ParseException ex) when (ex.Message.StartsWith("unknown encoding", StringComparison.Ordinal))
                {
                    skipped.Add($"{files[i]}: encoding not available in .NET ({ex.Message})");
                    return;
                }
                catch (Exception ex)
                {
                    mismatches.Add((files[i], "NumJit failed: " + ex));
                    return;
                }
                Interlocked.Increment(ref compared);
                string theirs = File.ReadAllText(Path.Combine(temp, i + ".txt"), Encoding.UTF8);
                if (ours != theirs) mismatches.Add((files[i], DescribeDifference(theirs, ours)));
            });
            wall.Stop();

            TestContext.Out.WriteLine($"stdlib: {stdlib} ({files.Length} files)");
            TestContext.Out.WriteLine($"compared {compared}, mismatches {mismatches.Count}, skipped {skipped.Count}");
            TestContext.Out.WriteLine($"NumJit parse time (sum over files) {TimeSpan.FromSeconds((double)parseTicks / Stopwatch.Frequency).TotalSeconds:F2}s, "
                                      + $"parse+dump+compare wall {wall.Elapsed.TotalSeconds:F2}s, CPython helper {cpythonWatch.Elapsed.TotalSeconds:F2}s");
            foreach (var s in skipped.OrderBy(s => s, StringComparer.Ordinal)) TestContext.Out.WriteLine("skipped " + s);

            if (!mismatches.IsEmpty)
            {
                var report = new StringBuilder();
                report.AppendLine($"{mismatches.Count} files differ from CPython (first 5 shown):");
                foreach (var (file, detail) in mismatches.OrderBy(m => m.File, StringComparer.Ordinal).Take(5))
                    report.AppendLine(file).AppendLine(detail);
                Assert.Fail(report.ToString());
            }
        }
        finally
        {
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Shows the first differing position together with the nearest preceding source position.</summary>
    private static string DescribeDifference(string expected, string actual)
    {
        int k = 0;
        int n = Math.Min(expected.Length, actual.Length);
        while (k < n && expected[k] == actual[k]) k++;
        int lineAttr = expected.LastIndexOf("lineno=", k, StringComparison.Ordinal);
        string near = lineAttr >= 0 ? expected.Substring(lineAttr, Math.Min(40, expected.Length - lineAttr)) : "";
        int from = Math.Max(0, k - 160);
        return $"  first difference at dump offset {k} (near {near})\n"
               + $"  CPython: ...{expected.Substring(from, Math.Min(expected.Length, k + 160) - from)}\n"
               + $"  NumJit:  ...{actual.Substring(from, Math.Min(actual.Length, k + 160) - from)}";
    }

    private static string FindPython()
    {
        string? env = Environment.GetEnvironmentVariable("NUMJIT_PYTHON");
        var candidates = !string.IsNullOrEmpty(env) ? new[] { env } : new[] { "/usr/bin/python3", "python3" };
        foreach (var c in candidates)
        {
            try
            {
                RunPython(c, "-c \"import ast\"");
                return c;
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
            }
        }
        Assert.Ignore($"python3 not found (tried {string.Join(", ", candidates)}); set NUMJIT_PYTHON");
        return "";
    }

    private static string RunPython(string python, string arguments)
    {
        var psi = new ProcessStartInfo(python, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {python}");
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{python} {arguments} failed: {stderr.Result}");
        return stdout;
    }
}

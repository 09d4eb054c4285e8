"""python -m numjit aot FILE [--name MODULE] [--output-dir DIR]: see numjit.aot."""
import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m numjit")
    commands = parser.add_subparsers(dest="command", required=True)
    aot = commands.add_parser("aot", help="compile the jitted functions of FILE that have explicit signatures "
                                          "into an importable module")
    aot.add_argument("file")
    aot.add_argument("--name", help="the module's name (default: FILE's name + '_aot')")
    aot.add_argument("--output-dir", help="where to write it (default: beside FILE)")
    options = parser.parse_args(argv)
    from . import aot as aot_module
    from .errors import NumJitError
    try:
        path = aot_module.compile_file(options.file, options.name, options.output_dir)
    except (NumJitError, ValueError, OSError) as error:
        print("numjit aot: %s" % error, file=sys.stderr)
        return 1
    print("wrote %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

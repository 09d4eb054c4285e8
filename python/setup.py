"""Builds the .NET host into numjit/_host when it is missing, so the installed package has it."""
import os
import subprocess

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


class BuildWithHost(build_py):
    def run(self):
        host = os.path.join(HERE, "numjit", "_host", "NumJit.dll")
        project = os.path.join(HERE, "..", "NumJit", "NumJit.csproj")
        if not os.path.exists(host):
            if not os.path.exists(project):
                raise RuntimeError("numjit/_host is missing and the NumJit sources are not beside this package")
            subprocess.check_call(["dotnet", "publish", project, "-c", "Release",
                                   "-o", os.path.dirname(host), "-nologo", "-v", "quiet"])
        super().run()


setup(cmdclass={"build_py": BuildWithHost})

import os
import sys

# Test the package in this checkout (the README's test command builds its host first).
sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..")))

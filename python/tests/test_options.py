"""Code options: boundscheck (and NUMJIT_BOUNDSCHECK), error_model."""
import math
import os
import subprocess
import sys

import numpy as np
import pytest

from numjit import njit


def read(a, i):
    return a[i]


def read2(a, i, j):
    return a[i, j]


def write(a, i):
    a[i] = 1.0


def test_boundscheck_off_by_default_wraps_negative_indices():
    a = np.arange(5.0)
    assert njit(read)(a, -1) == 4.0


def test_boundscheck_raises_index_error_naming_index_axis_and_shape():
    a = np.arange(10.0)
    checked = njit(boundscheck=True)(read)
    assert checked(a, 9) == 9.0 and checked(a, -10) == 0.0
    with pytest.raises(IndexError, match="index 10 is out of bounds for axis 0 with size 10"):
        checked(a, 10)
    with pytest.raises(IndexError, match="index -11 is out of bounds for axis 0 with size 10"):
        checked(a, -11)
    m = np.zeros((3, 4))
    with pytest.raises(IndexError, match="index 4 is out of bounds for axis 1 with size 4"):
        njit(boundscheck=True)(read2)(m, 2, 4)
    with pytest.raises(IndexError, match="axis 0 with size 3"):
        njit(boundscheck=True)(write)(m[:, 0].copy(), 3)


def test_boundscheck_environment_variable():
    here = os.path.dirname(os.path.abspath(__file__))
    code = ("import sys; sys.path.insert(0, %r); sys.path.insert(0, %r)\n"
            "import numpy as np, numjit, test_options as t\n"
            "f = numjit.njit(t.read)\n"
            "try:\n    f(np.zeros(3), 5); print('no error')\n"
            "except IndexError as e:\n    print('IndexError', e)\n") % (os.path.dirname(here), here)
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, NUMJIT_BOUNDSCHECK="1"),
                         capture_output=True, text=True).stdout
    assert "IndexError index 5 is out of bounds for axis 0 with size 3" in out


def divide(a, b):
    return a / b, a // b, a % b


def int_divide(a, b):
    return a // b, a % b


def test_error_model_python_raises():
    with pytest.raises(ZeroDivisionError):
        njit(divide)(1.0, 0.0)
    with pytest.raises(ZeroDivisionError):
        njit(error_model="python")(int_divide)(1, 0)


def test_error_model_numpy_gives_inf_nan_and_zero():
    q, f, m = njit(error_model="numpy")(divide)(1.0, 0.0)
    assert q == math.inf and f == math.inf and math.isnan(m)
    q, f, m = njit(error_model="numpy")(divide)(-1.0, 0.0)
    assert q == -math.inf
    assert math.isnan(njit(error_model="numpy")(divide)(0.0, 0.0)[0])
    assert njit(error_model="numpy")(int_divide)(7, 0) == (0, 0)
    assert njit(error_model="numpy")(divide)(7.0, 2.0) == divide(7.0, 2.0)


def test_bad_error_model_is_rejected():
    with pytest.raises(ValueError, match="error_model"):
        njit(error_model="fast")(divide)(1.0, 2.0)

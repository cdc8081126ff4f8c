"""vendortui's tests (see conftest.py for what they share).

Bytecode. Python keeps each module's compiled form in `__pycache__` unless the environment
says not to (PYTHONDONTWRITEBYTECODE, set in some container images). Then every test worker
would compile the tests (with pytest's assertion rewriting) and the package again on every
run, about 5 s a worker, and every CLI process a test starts would compile the package. This
package is imported before any test module, so the suite turns the cache back on for itself:
it writes only to `__pycache__` folders, which git ignores.
"""

import sys

sys.dont_write_bytecode = False

"""`python -m benchmarks`: run every benchmark module (bench_*.py) in turn."""

import importlib
import pkgutil
import sys
from pathlib import Path

names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
failed = []
for name in names:
    print(f"== {name}", flush=True)
    if importlib.import_module(f"benchmarks.{name}").main() not in (0, None):
        failed.append(name)
print("Objectifs non atteints : " + ", ".join(failed) if failed else "Tous les objectifs mesurés sont atteints.")
sys.exit(1 if failed else 0)

"""Run the benchmarks: every module of this package, or the one named, each in its own process.

A process each, so one benchmark's settings (its database) and memory (peak RSS is a
process-wide high-water mark) cannot colour another's figures.
"""

import pkgutil
import subprocess
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent


def benchmark_names() -> list[str]:
    return sorted(
        module.name
        for module in pkgutil.iter_modules([str(PACKAGE_DIR)])
        if not module.name.startswith("_")
    )


def run(name: str, args: list[str]) -> int:
    print(f"== {name} ==", flush=True)
    return subprocess.call([sys.executable, "-m", f"bench.{name}", *args], cwd=REPO_ROOT)


def main(argv: list[str]) -> int:
    names = benchmark_names()
    if argv and argv[0] in ("-h", "--help"):
        print("usage: python -m bench [NAME [ARGS…]]\nbenchmarks: " + ", ".join(names))
        return 0
    if argv:
        name, args = argv[0], argv[1:]
        if name not in names:
            print(f"No benchmark named {name!r}; there are: {', '.join(names)}", file=sys.stderr)
            return 2
        return run(name, args)
    failed = [name for name in names if run(name, []) != 0]
    if failed:
        print(f"Failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

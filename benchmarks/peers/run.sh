#!/bin/sh
# The peers' environment and entry points.
#   run.sh setup            create .venv here and install requirements.txt from PyPI (once)
#   run.sh test             check solve.py against brute force on tiny instances
#   run.sh solve ARGS...    solve.py ARGS... (see solve.py --help)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv="$here/.venv"
python=${PYTHON:-python3}

setup() {
    if [ ! -x "$venv/bin/python" ]; then
        "$python" -m venv "$venv"
    fi
    if ! "$venv/bin/python" -c 'import importlib.metadata as m; m.version("ortools"); m.version("highspy")' 2>/dev/null; then
        "$venv/bin/pip" install --quiet --upgrade pip
        "$venv/bin/pip" install --quiet -r "$here/requirements.txt"
    fi
}

case "${1:-}" in
    setup) setup ;;
    test) setup; cd "$here" && "$venv/bin/python" -m unittest -v test_solve ;;
    solve) shift; setup; exec "$venv/bin/python" "$here/solve.py" "$@" ;;
    *) echo "usage: $0 setup | test | solve INSTANCE_DIR --solver {ortools,mcf,cpsat,highs} [...]" >&2; exit 2 ;;
esac

#!/bin/sh
# The peers' environment and entry points.
#   run.sh setup            create .venv here and install requirements.txt from PyPI (once)
#   run.sh test             check solve.py against brute force on tiny instances
#   run.sh solve ARGS...    solve.py ARGS... (see solve.py --help)
#   run.sh lemon            build .bin/lemon_transport (installs Debian's liblemon-dev when missing)
#   run.sh lemon-solve DIR  LEMON's network simplex on one exported transportation instance
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

lemon() {
    if [ ! -f /usr/include/lemon/network_simplex.h ]; then
        if command -v apt-get >/dev/null 2>&1; then
            apt-get install -y liblemon-dev >/dev/null || sudo apt-get install -y liblemon-dev >/dev/null
        else
            echo "LEMON headers missing: install liblemon-dev (Debian) or lemon (Homebrew)" >&2; exit 1
        fi
    fi
    mkdir -p "$here/.bin"
    if [ ! -x "$here/.bin/lemon_transport" ] || [ "$here/lemon_transport.cpp" -nt "$here/.bin/lemon_transport" ]; then
        ${CXX:-g++} -std=c++17 -O2 -o "$here/.bin/lemon_transport" "$here/lemon_transport.cpp"
    fi
}

case "${1:-}" in
    setup) setup ;;
    test) setup; cd "$here" && "$venv/bin/python" -m unittest -v test_solve ;;
    solve) shift; setup; exec "$venv/bin/python" "$here/solve.py" "$@" ;;
    lemon) lemon ;;
    lemon-solve) shift; lemon; exec "$here/.bin/lemon_transport" "$@" ;;
    *) echo "usage: $0 setup | test | solve INSTANCE_DIR --solver {ortools,mcf,cpsat,highs} [...] | lemon | lemon-solve INSTANCE_DIR" >&2; exit 2 ;;
esac

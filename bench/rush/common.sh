# Shared by bench/deadline-rush and bench/crash-rush (sourced from the repository root, after
# `set -euo pipefail`): building, starting a server on a database, a throwaway PostgreSQL, the
# organisations and their tokens. The caller sets WORK and calls rush_cleanup from its EXIT trap.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

SERVER_PID=""
PGDATA=""
PGBIN=""
rush_cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    if [ -n "$PGBIN" ] && [ -n "$PGDATA" ] && [ -f "$PGDATA/postmaster.pid" ]; then
        as_postgres "$PGBIN/pg_ctl -D $PGDATA -m fast stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}

# The server in release (or PARTNERING_BIN, for a development run: its figures are not the
# release build's and are labelled with its path) and the rush driver in release.
build_binaries() {
    if [ -n "${PARTNERING_BIN:-}" ]; then
        BIN="$PARTNERING_BIN"
        BIN_KIND="NOT a release build: PARTNERING_BIN=$PARTNERING_BIN"
    else
        swift build -c release --product partnering >&2
        BIN="$(swift build -c release --show-bin-path)/partnering"
        BIN_KIND="release build"
    fi
    swift build -c release --package-path bench/rush >&2
    RUSH="$(swift build -c release --package-path bench/rush --show-bin-path)/rush"
}

# start_server DATABASE_URL PORT LOG: serve the demo on that database (production settings).
start_server() {
    local url="$1" port="$2" log="$3"
    DATABASE_URL="$url" "$BIN" serve --demo --env production --hostname 127.0.0.1 --port "$port" >>"$log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 300); do
        curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.2
    done
    echo "the server did not start on $url:" >&2; tail -n 30 "$log" >&2; return 1
}

stop_server() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

# setup_organisations DATABASE_URL N TOKENS_FILE: N organisations with a token each; sets EXERCISE.
setup_organisations() {
    local url="$1" n="$2" tokens="$3" out
    out=$(DATABASE_URL="$url" "$BIN" rush-setup --yes --organisations "$n" --env production </dev/null 2>"$tokens.log")
    EXERCISE=$(echo "$out" | grep -E '^[0-9a-f-]{36}$' | head -n 1)
    echo "$out" | grep -E '^pt_' >"$tokens"
    [ -n "$EXERCISE" ] && [ "$(wc -l <"$tokens")" -eq "$n" ] || { echo "rush-setup failed:" >&2; cat "$tokens.log" >&2; return 1; }
}

# A throwaway PostgreSQL (fsync on: the durability being measured is the real one) in $WORK/pgdata;
# sets PG_ADMIN_URL. Installs Debian's postgresql when it is missing.
start_postgres() {
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || {
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    }
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    PGDATA="$WORK/pgdata"
    local port; port=$(free_port)
    mkdir -p "$WORK/pgsock"
    chmod 755 "$WORK"
    [ "$(id -u)" = 0 ] && chown postgres "$WORK/pgsock" "$WORK"
    as_postgres "$PGBIN/initdb -D $PGDATA -U postgres --auth=trust" >/dev/null
    as_postgres "$PGBIN/pg_ctl -D $PGDATA -l $WORK/postgres.log -w -o \"-p $port -k $WORK/pgsock -c listen_addresses=127.0.0.1 -c max_connections=400\" start" >/dev/null
    PG_ADMIN_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
}

# new_postgres_database NAME: prints its URL.
new_postgres_database() {
    psql "$PG_ADMIN_URL" -X -q -c "CREATE DATABASE $1" >/dev/null
    echo "${PG_ADMIN_URL/\/postgres\?/\/$1?}"
}

peak_rss() { awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' "/proc/$1/status"; }

# wrk prints latencies as e.g. 812.00us, 1.20ms or 1.02s: convert to ms.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.2f", v}'; }

# result KEY FILE: a value from the rush's last line `RESULT key=value …`.
result() { grep '^RESULT ' "$2" | tail -n 1 | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2}'; }

#!/usr/bin/env bash
# Starts a local Sweep cluster on 127.0.0.1: a PostgreSQL server (Debian's postgresql package, data in
# .sweep/cluster/pg), a coordinator node journaling to it (port 4053) and N trainer nodes (ports 4054...).
# Usage: scripts/cluster-up.sh [N=2] [slots per trainer=1]. Stop exactly these processes with scripts/cluster-down.sh.
# ESTIMATORS=K starts K estimator nodes of their own (after the trainers' ports), and the coordinator then keeps
# only its own role; without it the coordinator node also estimates.
# Set SWEEP_PG to a connection string to use an existing PostgreSQL instead of starting one.
# SWEEP_TLS=1: TLS with mutual authentication (docs/security.md); certificates from scripts/make-certs in
# .sweep/cluster/tls (made once: a CA, one per node, and client.pfx for the CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
trainers=${1:-2}
slots=${2:-1}
estimators=${ESTIMATORS:-0}
state=.sweep/cluster
if [[ -f $state/pids ]]; then
  echo "cluster-up: a cluster from this checkout is already up ($state/pids); run scripts/cluster-down.sh first" >&2
  exit 2
fi
mkdir -p "$state"
dotnet build src/Sweep.Cli -c Release -v quiet -nologo -clp:NoSummary
sweep=(dotnet src/Sweep.Cli/bin/Release/net10.0/sweep.dll)

if [[ -z "${SWEEP_PG:-}" ]]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [[ -x "$bin/initdb" ]] || { echo "cluster-up: no PostgreSQL (apt-get install postgresql), or set SWEEP_PG" >&2; exit 3; }
  pgdata=$(realpath -m "$state/pg")
  as=(); [[ $(id -u) -eq 0 ]] && as=(runuser -u postgres --)
  if [[ ! -f $pgdata/PG_VERSION ]]; then
    mkdir -p "$pgdata"; [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$pgdata"
    "${as[@]}" "$bin/initdb" -D "$pgdata" -U sweep -A trust -E UTF8 >/dev/null
  fi
  "${as[@]}" "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -o "-p 55432 -c listen_addresses=127.0.0.1 -k $pgdata" start >/dev/null
  echo "$bin $pgdata" > "$state/pg.server"
  SWEEP_PG="Host=127.0.0.1;Port=55432;Username=sweep;Database=postgres"
fi

tls=()
if [[ -n ${SWEEP_TLS:-} ]]; then
  names=(coordinator client); for i in $(seq 1 "$trainers"); do names+=("trainer-$i"); done; for i in $(seq 1 "$estimators"); do names+=("estimator-$i"); done
  missing=(); for n in "${names[@]}"; do [[ -f $state/tls/$n.pfx ]] || missing+=("$n"); done
  [[ ${#missing[@]} -eq 0 ]] || scripts/make-certs "$state/tls" "${missing[@]}" >/dev/null
  export SWEEP_TLS_PASSWORD_FILE=$PWD/$state/tls/password
fi
tls_for() { [[ -n ${SWEEP_TLS:-} ]] && echo "--config cluster-config/tls.conf --tls-cert $state/tls/$1.pfx"; true; }

start() { # name, args...
  local name=$1; shift
  nohup "${sweep[@]}" node "$@" > "$state/$name.log" 2>&1 &
  echo "$! $name" >> "$state/pids"
  for _ in $(seq 120); do
    grep -q '^up ' "$state/$name.log" && return 0
    kill -0 "$(tail -1 "$state/pids" | cut -d' ' -f1)" 2>/dev/null || { cat "$state/$name.log" >&2; exit 3; }
    sleep 0.5
  done
  echo "cluster-up: $name did not join within 60 s (see $state/$name.log)" >&2; exit 3
}

# shellcheck disable=SC2046 # tls_for's words are options
coordinator_roles=coordinator,estimator; (( estimators > 0 )) && coordinator_roles=coordinator
start coordinator --roles "$coordinator_roles" --port 4053 --store "postgres:$SWEEP_PG" --results results $(tls_for coordinator)
for i in $(seq 1 "$trainers"); do
  # shellcheck disable=SC2046
  start "trainer-$i" --roles trainer --port $((4053 + i)) --seed-nodes 127.0.0.1:4053 --slots "$slots" $(tls_for "trainer-$i")
done
for i in $(seq 1 "$estimators"); do
  # shellcheck disable=SC2046
  start "estimator-$i" --roles estimator --port $((4053 + trainers + i)) --seed-nodes 127.0.0.1:4053 $(tls_for "estimator-$i")
done
echo "cluster up: coordinator 127.0.0.1:4053, $trainers trainer node(s) × $slots slot(s), $estimators estimator node(s)${SWEEP_TLS:+, TLS}; logs in $state/"
if [[ -n ${SWEEP_TLS:-} ]]; then
  echo "client:  export SWEEP_TLS_CERT=$PWD/$state/tls/client.pfx SWEEP_TLS_PASSWORD_FILE=$PWD/$state/tls/password"
fi
echo "submit:  dotnet src/Sweep.Cli/bin/Release/net10.0/sweep.dll run specs/synthetic-small.yaml --cluster 127.0.0.1:4053"

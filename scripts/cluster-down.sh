#!/usr/bin/env bash
# Stops exactly the processes scripts/cluster-up.sh started (their pids are in .sweep/cluster/pids): SIGTERM, so
# each node leaves the cluster, then SIGKILL after 20 s; then the PostgreSQL server it started (data kept).
set -euo pipefail
cd "$(dirname "$0")/.."
state=.sweep/cluster
[[ -f $state/pids ]] || { echo "cluster-down: no cluster from this checkout is up"; exit 0; }
tac "$state/pids" | while read -r pid name; do
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "stopped $name (pid $pid)"
  fi
done
rm -f "$state/pids"
if [[ -f $state/pg.server ]]; then
  read -r bin pgdata < "$state/pg.server"
  as=(); [[ $(id -u) -eq 0 ]] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null && echo "stopped PostgreSQL ($pgdata)"
  rm -f "$state/pg.server"
fi

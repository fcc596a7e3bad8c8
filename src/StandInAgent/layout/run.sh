#!/bin/bash
# Stand-in agent: listen for jobs (--once: take one job, then stop). The listener runs as a child of this
# script, as the agent's run.sh runs it: signal the process group to reach it.
# Exit codes: 0 stopped normally, 1 terminated by an error, 2 retryable error, 3/4 updating.

if [ "$(id -u)" -eq 0 ] && [ -z "$AGENT_ALLOW_RUNASROOT" ]; then
    echo "Must not run interactively with sudo"
    exit 1
fi

source_path="${BASH_SOURCE[0]}"
while [ -h "$source_path" ]; do
    dir="$(cd -P "$(dirname "$source_path")" && pwd)"
    source_path="$(readlink "$source_path")"
    [[ $source_path != /* ]] && source_path="$dir/$source_path"
done
DIR="$(cd -P "$(dirname "$source_path")" && pwd)"

dotnet "$DIR/bin/Agent.Listener.dll" run "$@"
code=$?
if [[ $code == 4 ]]; then
    # A run-once agent that received an update: wait for the update, then listen once more.
    sleep 5
    dotnet "$DIR/bin/Agent.Listener.dll" run "$@"
    code=$?
fi
exit $code

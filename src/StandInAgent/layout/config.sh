#!/bin/bash
# Stand-in agent: configure (register) or remove the agent, with the real agent's flags
# (--unattended --url --auth --token --pool --agent --work --replace --acceptTeeEula) or the same
# settings as VSTS_AGENT_INPUT_<FLAG> variables. Exit codes: 0 done, 1 failed.

if [ "$(id -u)" -eq 0 ] && [ -z "$AGENT_ALLOW_RUNASROOT" ]; then
    echo "Must not run with sudo"
    exit 1
fi

source_path="${BASH_SOURCE[0]}"
while [ -h "$source_path" ]; do
    dir="$(cd -P "$(dirname "$source_path")" && pwd)"
    source_path="$(readlink "$source_path")"
    [[ $source_path != /* ]] && source_path="$dir/$source_path"
done
DIR="$(cd -P "$(dirname "$source_path")" && pwd)"
cd "$DIR" || exit 1

source ./env.sh

shopt -s nocasematch
if [[ "$1" == "remove" ]]; then
    dotnet "$DIR/bin/Agent.Listener.dll" "$@"
else
    dotnet "$DIR/bin/Agent.Listener.dll" configure "$@"
fi

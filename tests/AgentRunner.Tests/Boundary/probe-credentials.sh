#!/bin/bash
# A hostile pipeline step: tries every route by which a step could get a token of the job's identity, the PAT or
# the identity header, or tamper with what the runner runs later. One line per route, then one line at the end:
#
#   PROBE <route> blocked|exposed <detail>
#   PROBE-END tried=<routes reported> exposed=<routes exposed>
#
# "exposed" means the route worked; a route name has no spaces. No line prints a secret's value. The end line tells a
# reader of a step's log that the probe ran to its end. Exit code: how many routes were exposed (0: all blocked).
#
# Inputs, all optional (a step would guess them; a test knows them):
#   PROBE_AGENT_DIR          the agent's directory (default: the agent root the step runs under, else /azp/agent)
#   PROBE_RUNNER_PID         the runner's pid (default: every process whose command line names the runner)
#   PROBE_IDENTITY_ENDPOINT  the managed-identity endpoint (default: $IDENTITY_ENDPOINT, else Container Apps' usual)
#   PROBE_TOKEN_FILE         where a PAT file might be (AZP_TOKEN_FILE's value)
#   PROBE_SECRETS            comma-separated values that must not be found in any readable file or environment
#
# It reads nothing but /proc and the agent's directory, changes nothing it does not put back, and uses only bash
# and, if present, curl.

set -u
tried=0
exposed=0
report() { # route result detail
    printf 'PROBE %s %s %s\n' "$1" "$2" "$3"
    tried=$((tried + 1))
    [ "$2" = exposed ] && exposed=$((exposed + 1))
    return 0
}

agent_dir=${PROBE_AGENT_DIR:-${AGENT_HOMEDIRECTORY:-/azp/agent}}
endpoint=${PROBE_IDENTITY_ENDPOINT:-${IDENTITY_ENDPOINT:-http://localhost:42356/msi/token}}
resource=499b84ac-1321-427f-aa17-267ca6975798
credential_names='IDENTITY_ENDPOINT|IDENTITY_HEADER|IDENTITY_SERVER_THUMBPRINT|IMDS_ENDPOINT|MSI_ENDPOINT|MSI_SECRET|AZP_TOKEN|AZP_TOKEN_FILE|VSTS_AGENT_INPUT_TOKEN|AZURE_CLIENT_SECRET|AZURE_CLIENT_CERTIFICATE_PATH|AZURE_FEDERATED_TOKEN_FILE|AZURE_PASSWORD'

# Whether standard input (a file, or an environment with NUL separators) holds a credential variable or one of
# PROBE_SECRETS. The probe's own PROBE_* variables, which its children inherit, do not count.
holds_secret() {
    local text secret
    text=$(tr '\0' '\n' | grep -av '^PROBE_')
    if grep -Eq "^(${credential_names})=" <<<"$text"; then return 0; fi
    IFS=, read -ra secrets <<<"${PROBE_SECRETS:-}"
    for secret in "${secrets[@]}"; do
        [ -n "$secret" ] && grep -Fq -- "$secret" <<<"$text" && return 0
    done
    return 1
}

runner_pids() {
    if [ -n "${PROBE_RUNNER_PID:-}" ]; then echo "$PROBE_RUNNER_PID"; return; fi
    local cmdline
    for proc in /proc/[0-9]*; do
        cmdline=$(tr '\0' ' ' <"$proc/cmdline" 2>/dev/null) || continue
        [[ $cmdline == *AspireAgents.AgentRunner* ]] && echo "${proc#/proc/}"
    done
}

# 1. This step's own environment.
if env -0 | holds_secret; then
    report env exposed "a credential variable or secret is in the step's environment"
else
    report env blocked "no credential variable in the step's environment"
fi

# 2. PID 1 (tini in the image) carries the container's environment: the identity header among it.
if environ=$( { tr '\0' '\n' </proc/1/environ; } 2>&1 ); then
    report proc-1-environ exposed "read $(wc -l <<<"$environ") variables of PID 1"
else
    report proc-1-environ blocked "${environ##*: }"
fi

# 3-6. The runner: environment, memory, open files, signals.
pids=$(runner_pids)
if [ -z "$pids" ]; then
    report runner-found exposed "no runner process found: the remaining runner routes were not tried"
fi
for pid in $pids; do
    if environ=$( { tr '\0' '\n' <"/proc/$pid/environ"; } 2>&1 ); then
        report runner-environ exposed "read /proc/$pid/environ ($(wc -l <<<"$environ") variables)"
    else
        report runner-environ blocked "/proc/$pid/environ: ${environ##*: }"
    fi

    # Opening mem needs ptrace access (PTRACE_MODE_ATTACH), the same check ptrace(2) and process_vm_readv make.
    if error=$( { exec 3</proc/"$pid"/mem; } 2>&1 ); then
        report runner-mem exposed "opened /proc/$pid/mem: ptrace-level access to the runner"
    else
        report runner-mem blocked "/proc/$pid/mem: ${error##*: }"
    fi

    if fds=$(ls "/proc/$pid/fd" 2>&1); then
        report runner-fd exposed "listed $(wc -w <<<"$fds") open files of the runner"
    else
        report runner-fd blocked "/proc/$pid/fd: ${fds##*: }"
    fi

    # The .NET diagnostic socket answers environment and dump requests to whoever may connect (write) to it.
    socket_found=false
    for socket in /tmp/dotnet-diagnostic-"$pid"-*-socket; do
        [ -S "$socket" ] || continue
        socket_found=true
        if [ -w "$socket" ]; then
            report runner-diagnostics exposed "$socket is writable: its environment and a memory dump are one request away"
        else
            report runner-diagnostics blocked "$socket is not writable"
        fi
    done
    $socket_found || report runner-diagnostics blocked "no diagnostic socket"

    if error=$(kill -0 "$pid" 2>&1); then
        report runner-signal exposed "may signal the runner (stop it before it removes the agent)"
    else
        report runner-signal blocked "kill -0 $pid: ${error##*: }"
    fi
done

# 7. Every environment this user can read: its own processes' (the listener's, other steps') included.
readable=0
for proc in /proc/[0-9]*; do
    [ "$proc" = "/proc/$$" ] || [ "$proc" = /proc/self ] && continue
    if [ -n "$( { tr '\0' '\n' <"$proc/environ"; } 2>/dev/null)" ]; then
        readable=$((readable + 1))
        if { holds_secret <"$proc/environ"; } 2>/dev/null; then
            report proc-environ exposed "$proc/environ ($(tr '\0' ' ' <"$proc/cmdline" 2>/dev/null | cut -c1-80)) holds a credential"
        fi
    fi
done
report proc-environ-scan blocked "read $readable environments of other processes; any holding a credential is listed above"

# 8-9. The identity endpoint, with the header a step might have and without.
if command -v curl >/dev/null; then
    body=$(curl -s -m 5 "$endpoint?resource=$resource&api-version=2019-08-01" 2>&1)
    if grep -q access_token <<<"$body"; then
        report identity-without-header exposed "$endpoint gave a token without the header"
    else
        report identity-without-header blocked "$endpoint: ${body:0:80}"
    fi

    if [ -n "${IDENTITY_HEADER:-}" ]; then
        body=$(curl -s -m 5 -H "X-IDENTITY-HEADER: $IDENTITY_HEADER" "$endpoint?resource=$resource&api-version=2019-08-01" 2>&1)
        if grep -q access_token <<<"$body"; then
            report identity-with-header exposed "$endpoint gave a token with the step's IDENTITY_HEADER"
        else
            report identity-with-header blocked "$endpoint refused the step's header: ${body:0:80}"
        fi
    else
        report identity-with-header blocked "the step has no IDENTITY_HEADER to send"
    fi

    # Azure VMs' instance metadata service; Container Apps is not documented to offer it.
    body=$(curl -s -m 2 -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=$resource" 2>&1)
    if grep -q access_token <<<"$body"; then
        report imds exposed "169.254.169.254 gave a token"
    else
        report imds blocked "no token from 169.254.169.254 (${body:0:60})"
    fi
else
    report identity-without-header blocked "no curl: not tried"
    report identity-with-header blocked "no curl: not tried"
    report imds blocked "no curl: not tried"
fi

# 10. A PAT file.
if [ -n "${PROBE_TOKEN_FILE:-}" ]; then
    if content=$(cat "$PROBE_TOKEN_FILE" 2>&1); then
        report token-file exposed "read $PROBE_TOKEN_FILE (${#content} characters)"
    else
        report token-file blocked "$PROBE_TOKEN_FILE: ${content##*: }"
    fi
fi

# 11. What the runner starts: change it in place, replace it, or add to bin/.
for target in config.sh run.sh env.sh; do
    path=$agent_dir/$target
    [ -e "$path" ] || continue
    if error=$( { : >>"$path"; } 2>&1 ); then
        report "write-$target" exposed "$path is writable"
    else
        report "write-$target" blocked "$path: ${error##*: }"
    fi

    if error=$(mv "$path" "$path.probe" 2>&1); then
        mv "$path.probe" "$path"
        report "replace-$target" exposed "$path could be renamed (and so replaced)"
    else
        report "replace-$target" blocked "${error##*: }"
    fi
done
if [ -d "$agent_dir/bin" ]; then
    if error=$( { : >"$agent_dir/bin/.probe"; } 2>&1 ); then
        rm -f "$agent_dir/bin/.probe"
        report write-bin exposed "$agent_dir/bin is writable"
    else
        report write-bin blocked "$agent_dir/bin: ${error##*: }"
    fi
fi

# 12. Files under the agent's directory that this user can read: others' (the package), and its own, which
# registration wrote while it held the token (.agent, .credentials, .env, _diag…), must hold no secret. The work
# folder is left out: the step's own script lies there.
checked=0
own=0
while IFS= read -r -d '' file; do
    [ -r "$file" ] || continue
    checked=$((checked + 1))
    [ -O "$file" ] && own=$((own + 1))
    if { holds_secret <"$file"; } 2>/dev/null; then
        report agent-files exposed "$file is readable and holds a credential"
    fi
done < <(find "$agent_dir" -xdev -path "${AGENT_WORKFOLDER:-/nonexistent}" -prune -o -type f -print0 2>/dev/null)
report agent-files-scan blocked "read $checked files under $agent_dir ($own of them this user's); any holding a credential is listed above"

printf 'PROBE-END tried=%d exposed=%d\n' "$tried" "$exposed"
exit "$exposed"

#!/bin/sh
# Registers the offline placeholder agent: Azure Pipelines queues no job on a pool without agents.
#
#   scripts/start-placeholder.sh [--strict] [RESOURCE_GROUP]
#
# For each job tagged aspireagentsRole=placeholder: a job whose latest execution succeeded has registered its
# agent and is left alone; otherwise (never ran, or ran before its identity had access and failed) it is started
# and waited for, up to PLACEHOLDER_ATTEMPTS times. A still-running execution is waited for, not duplicated.
#
# azd runs it as the postdeploy hook: then a placeholder that does not succeed ends in one message naming the
# step left, and the status is 0, so that `azd up` reports the deployment it did. The grant script calls it
# with --strict, where such a failure is the script's failure (status 1). Azure CLI failures are fatal either way.
#
# RESOURCE_GROUP defaults to $AZURE_RESOURCE_GROUP, else rg-$AZURE_ENV_NAME; $AZURE_SUBSCRIPTION_ID selects the
# subscription when set. Settings: PLACEHOLDER_ATTEMPTS (2), PLACEHOLDER_TIMEOUT_SECONDS per execution (300,
# the placeholder job's own replica timeout), PLACEHOLDER_POLL_SECONDS (5).
set -eu

strict=false
if [ "${1:-}" = "--strict" ]; then
  strict=true
  shift
fi
resource_group="${1:-${AZURE_RESOURCE_GROUP:-rg-${AZURE_ENV_NAME:?give the resource group as argument or set AZURE_ENV_NAME}}}"
subscription="${AZURE_SUBSCRIPTION_ID:-}"
attempts="${PLACEHOLDER_ATTEMPTS:-2}"
timeout_seconds="${PLACEHOLDER_TIMEOUT_SECONDS:-300}"
poll_seconds="${PLACEHOLDER_POLL_SECONDS:-5}"
tab=$(printf '\t')

. "$(dirname "$0")/lib/azure.sh"

# wait_for JOB EXECUTION: 0 when it succeeded, 1 when it failed or was stopped, 2 when still unfinished at the
# timeout. Any status other than Succeeded, Failed and Stopped (Running, Processing, Degraded, Unknown, or one
# added later) may still turn into either, so it is waited out; so is a failed read, since a just-started
# execution can take a moment to become visible.
wait_for() {
  deadline=$(($(date +%s) + timeout_seconds))
  while :; do
    status=$(az_arm containerapp job execution show --name "$1" --job-execution-name "$2" \
      --resource-group "$resource_group" --query properties.status --output tsv) || status=Unknown
    case "$status" in
      Succeeded) return 0 ;;
      Failed | Stopped)
        echo "Execution $2 of $1: $status."
        return 1
        ;;
    esac
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "Execution $2 of $1 is still '$status' after ${timeout_seconds}s."
      return 2
    fi
    sleep "$poll_seconds"
  done
}

# start_and_wait JOB: status of wait_for for a new execution.
start_and_wait() {
  if ! execution=$(az_arm containerapp job start --name "$1" --resource-group "$resource_group" \
    --query name --output tsv); then
    fail "Starting placeholder job $1 failed (see above)."
  fi
  [ -n "$execution" ] || fail "Starting placeholder job $1 returned no execution name."
  echo "Started $1 (execution $execution); waiting for it to register the placeholder agent."
  wait_for "$1" "$execution"
}

# ensure_registered JOB: 0 when the job's latest execution succeeded, 1 when it failed every attempt, 2 on timeout.
ensure_registered() {
  job="$1"
  # The newest execution by start time; one not started yet has none and is the newest of all.
  if ! latest=$(az_arm containerapp job execution list --name "$job" --resource-group "$resource_group" \
    --query "sort_by(@, &(properties.startTime || '9999'))[-1].[name, properties.status]" --output tsv); then
    fail "Listing the executions of $job failed (see above)."
  fi
  latest_name="${latest%%"$tab"*}"
  latest_status="${latest#*"$tab"}"

  case "$latest_status" in
    Succeeded)
      echo "Placeholder job $job: latest execution $latest_name succeeded; the placeholder agent is registered."
      return 0
      ;;
    "" | Failed | Stopped) ;;
    *)
      echo "Placeholder job $job: execution $latest_name is $latest_status; waiting for it."
      if wait_for "$job" "$latest_name"; then result=0; else result=$?; fi
      [ "$result" -ne 1 ] && return "$result"
      ;;
  esac

  attempt=1
  while [ "$attempt" -le "$attempts" ]; do
    if start_and_wait "$job"; then result=0; else result=$?; fi
    if [ "$result" -eq 0 ]; then
      echo "Placeholder job $job succeeded: the placeholder agent is registered."
      return 0
    fi
    [ "$result" -eq 2 ] && return 2
    attempt=$((attempt + 1))
  done
  return 1
}

report_failures() {
  echo
  echo "------------------------------------------------------------------------------------------"
  echo "The placeholder agent is not registered, so Azure Pipelines will not queue jobs on the pool:"
  printf '%s' "$failures"
  if [ "$strict" = true ]; then
    echo "The identities were just granted; Azure DevOps can take a few minutes to apply that. Run this"
    echo "again in a few minutes (it repeats nothing that is done):"
    echo
    echo "    sh scripts/grant-azure-devops-access.sh $resource_group"
  else
    echo "One step is left, for an Azure DevOps organisation administrator signed in with 'az login':"
    echo
    echo "    sh scripts/grant-azure-devops-access.sh $resource_group"
    echo
    echo "It lets the identities into the organisation and then starts the placeholder again."
  fi
  echo
  echo "If it still fails, the execution logs say why:"
  echo "    az containerapp job execution list --name <job> --resource-group $resource_group --output table"
  echo "------------------------------------------------------------------------------------------"
}

if ! jobs=$(az_arm containerapp job list --resource-group "$resource_group" \
  --query "[?tags.aspireagentsRole=='placeholder'].name" --output tsv); then
  fail "Listing the jobs of $resource_group failed (see above): are you signed in with 'az login', to the right subscription?"
fi
if [ -z "$jobs" ]; then
  echo "No placeholder job in resource group $resource_group (azd deploy creates it)."
  exit 0
fi

failures=""
for job in $jobs; do
  if ensure_registered "$job"; then result=0; else result=$?; fi
  case "$result" in
    0) ;;
    2) failures="$failures  - $job did not finish within ${timeout_seconds}s (PLACEHOLDER_TIMEOUT_SECONDS); it may still succeed.
" ;;
    *) failures="$failures  - $job failed $attempts time(s).
" ;;
  esac
done

if [ -n "$failures" ]; then
  report_failures
  [ "$strict" = true ] && exit 1
fi
exit 0

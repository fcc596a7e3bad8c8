#!/bin/sh
# Starts each placeholder job (tag aspireagentsRole=placeholder) once, so that its offline agent registers in
# the pool. A job that has run before is left alone. Runs as azd's postdeploy hook, with the azd environment's
# values as environment variables; needs the Azure CLI, signed in (`az login`).
set -eu

resource_group="${AZURE_RESOURCE_GROUP:-rg-${AZURE_ENV_NAME:?AZURE_ENV_NAME is not set: run this through azd or export it}}"
subscription="${AZURE_SUBSCRIPTION_ID:-}"
if [ -n "$subscription" ]; then
  set -- --subscription "$subscription"
fi

jobs=$(az containerapp job list --resource-group "$resource_group" "$@" \
  --query "[?tags.aspireagentsRole=='placeholder'].name" --output tsv)

if [ -z "$jobs" ]; then
  echo "No placeholder job in resource group $resource_group."
  exit 0
fi

for job in $jobs; do
  executions=$(az containerapp job execution list --name "$job" --resource-group "$resource_group" "$@" \
    --query "length(@)" --output tsv)
  if [ "${executions:-0}" -gt 0 ]; then
    echo "Placeholder job $job has run before ($executions executions); not starting it again."
    continue
  fi
  echo "Starting placeholder job $job to register its offline agent."
  az containerapp job start --name "$job" --resource-group "$resource_group" "$@" --output none
done

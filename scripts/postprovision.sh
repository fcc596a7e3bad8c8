#!/bin/sh
# azd postprovision hook: grants the freshly provisioned user-assigned identities access to Azure DevOps
# before any job runs, so that the placeholder started by the postdeploy hook can register on the first run.
#
# Only an Azure DevOps organisation administrator can grant; anyone else can still deploy. So a failed grant
# does not stop `azd up`: it ends in one message naming the command left, and the status is 0.
set -eu

script_dir=$(dirname "$0")
resource_group="${AZURE_RESOURCE_GROUP:-rg-${AZURE_ENV_NAME:?AZURE_ENV_NAME is not set: run this through azd or export it}}"

# The postdeploy hook starts the placeholder once the jobs exist; starting it here would only race the deploy.
if sh "$script_dir/grant-azure-devops-access.sh" --grant-only "$resource_group"; then
  exit 0
fi

cat <<MESSAGE

------------------------------------------------------------------------------------------
The deployment continues, but the agents cannot register in Azure DevOps yet: their identities
were not granted access (the reason is above). One step is left, for an Azure DevOps
organisation administrator signed in with 'az login':

    sh scripts/grant-azure-devops-access.sh $resource_group

It grants the identities and then starts the placeholder agent; nothing else needs to be run.
------------------------------------------------------------------------------------------
MESSAGE
exit 0

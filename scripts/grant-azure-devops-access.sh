#!/bin/sh
# One-time step after the first `azd up`: makes the managed identities of the deployed jobs (and the Scaler,
# when it is deployed) members of the Azure DevOps organisation and gives them a role on the agent pool.
#
#   scripts/grant-azure-devops-access.sh https://dev.azure.com/contoso aca-agents [resource-group]
#
# Run it signed in to the Azure CLI (`az login`) as someone who administers the organisation (Project Collection
# Administrator) and can read the resource group. The Azure DevOps calls use an Entra token for the Azure DevOps
# application (499b84ac-1321-427f-aa17-267ca6975798), obtained by `az rest --resource`.
set -eu

organization_url="${1:?usage: $0 ORGANIZATION_URL POOL [RESOURCE_GROUP]}"
pool="${2:?usage: $0 ORGANIZATION_URL POOL [RESOURCE_GROUP]}"
resource_group="${3:-${AZURE_RESOURCE_GROUP:-rg-${AZURE_ENV_NAME:?give the resource group or set AZURE_ENV_NAME}}}"

organization="${organization_url%/}"
organization="${organization##*/}"
devops="499b84ac-1321-427f-aa17-267ca6975798"

pool_id=$(az rest --method get --resource "$devops" \
  --url "https://dev.azure.com/$organization/_apis/distributedtask/pools?poolName=$pool&api-version=7.1" \
  --query "value[0].id" --output tsv)
if [ -z "$pool_id" ]; then
  echo "Agent pool '$pool' was not found in $organization_url: create it (Organization settings > Agent pools) first." >&2
  exit 1
fi

# grant NAME OBJECT_ID ROLE: organisation membership (Basic access) and a role on the pool.
grant() {
  name="$1" object_id="$2" role="$3"
  echo "Adding $name (object id $object_id) to $organization with role $role on pool $pool ($pool_id)."
  member_id=$(az rest --method post --resource "$devops" \
    --url "https://vsaex.dev.azure.com/$organization/_apis/serviceprincipalentitlements?api-version=7.1-preview.1" \
    --headers "Content-Type=application/json" \
    --body "{\"accessLevel\":{\"accountLicenseType\":\"express\"},\"servicePrincipal\":{\"origin\":\"aad\",\"originId\":\"$object_id\",\"subjectKind\":\"servicePrincipal\"}}" \
    --query "servicePrincipalEntitlement.id || operationResult.servicePrincipalId" --output tsv)
  az rest --method put --resource "$devops" \
    --url "https://dev.azure.com/$organization/_apis/securityroles/scopes/distributedtask.agentpoolrole/roleassignments/resources/$pool_id?api-version=7.1-preview.1" \
    --headers "Content-Type=application/json" \
    --body "[{\"userId\":\"$member_id\",\"roleName\":\"$role\"}]" --output none
}

# Jobs register and remove agents: Administrator. The Scaler only reads the queue: Reader.
for job in $(az containerapp job list --resource-group "$resource_group" --query "[?tags.aspireagentsRole].name" --output tsv); do
  grant "job $job" "$(az containerapp job show --name "$job" --resource-group "$resource_group" --query identity.principalId --output tsv)" Administrator
done

for app in $(az containerapp list --resource-group "$resource_group" --query "[?identity.principalId].name" --output tsv); do
  grant "container app $app" "$(az containerapp show --name "$app" --resource-group "$resource_group" --query identity.principalId --output tsv)" Reader
done

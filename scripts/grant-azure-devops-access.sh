#!/bin/sh
# Lets the deployment's managed identities into Azure DevOps, then registers the placeholder agent.
#
#   scripts/grant-azure-devops-access.sh [--grant-only] [RESOURCE_GROUP]
#
# RESOURCE_GROUP defaults to $AZURE_RESOURCE_GROUP, else rg-$AZURE_ENV_NAME (azd sets both for its hooks).
# $AZURE_SUBSCRIPTION_ID, when set, selects the subscription; otherwise the Azure CLI's default one is used.
#
# Run it signed in with `az login` as an Azure DevOps organisation administrator (Project Collection
# Administrators) who can read the resource group. azd runs it as the postprovision hook (with --grant-only,
# since the postdeploy hook starts the placeholder); if that failed, running it by hand is the one step left.
#
# What gets access is chosen by the Bicep through tags, so this script needs no knowledge of the AppHost:
#   aspireagentsPoolRole      Administrator (agents register and remove themselves) or Reader (the Scaler)
#   aspireagentsOrganization  organisation URL, e.g. https://dev.azure.com/contoso
#   aspireagentsPool          agent pool name
# on user-assigned identities (principal id at properties.principalId) and, with system-assigned identities,
# on container apps jobs and container apps (identity.principalId).
#
# Per tagged resource, two Azure DevOps calls with an Entra token for the Azure DevOps application
# (499b84ac-1321-427f-aa17-267ca6975798): organisation membership with Basic access, then the role on the pool.
# Both are safe to repeat. The first failed call stops the script with a non-zero status.
set -eu

devops_application="499b84ac-1321-427f-aa17-267ca6975798"
script_dir=$(dirname "$0")
grant_only=false
if [ "${1:-}" = "--grant-only" ]; then
  grant_only=true
  shift
fi
resource_group="${1:-${AZURE_RESOURCE_GROUP:-rg-${AZURE_ENV_NAME:?give the resource group as argument or set AZURE_ENV_NAME}}}"
subscription="${AZURE_SUBSCRIPTION_ID:-}"

. "$(dirname "$0")/lib/azure.sh"

# https://dev.azure.com/contoso and https://contoso.visualstudio.com both name the organisation contoso.
organization_name() {
  case "$1" in
    https://*.visualstudio.com*)
      name="${1#https://}"
      echo "${name%%.visualstudio.com*}"
      ;;
    *)
      name="${1%/}"
      echo "${name##*/}"
      ;;
  esac
}

# Pool names may contain spaces; nothing else in a usual pool name needs escaping in a query string.
url_encode_spaces() {
  printf '%s' "$1" | sed 's/ /%20/g'
}

# grant RESOURCE_ID NAME ROLE ORGANIZATION_URL POOL
grant() {
  id="$1" name="$2" role="$3" organization_url="$4" pool="$5"

  case "$role" in
    Administrator | Reader) ;;
    *) fail "$name: tag aspireagentsPoolRole is '$role'; expected Administrator or Reader." ;;
  esac
  [ -n "$organization_url" ] || fail "$name: tag aspireagentsOrganization is missing or empty."
  [ -n "$pool" ] || fail "$name: tag aspireagentsPool is missing or empty."
  organization=$(organization_name "$organization_url")

  if ! principal_id=$(az_arm resource show --ids "$id" \
    --query "properties.principalId || identity.principalId" --output tsv); then
    fail "Reading the principal id of $name failed (az resource show, see above): can you read resource group $resource_group?"
  fi
  [ -n "$principal_id" ] ||
    fail "$name has no managed identity principal id: it must have a user-assigned identity's principalId or a system-assigned identity."

  if ! pool_id=$(az rest --method get --resource "$devops_application" \
    --url "https://dev.azure.com/$organization/_apis/distributedtask/pools?poolName=$(url_encode_spaces "$pool")&api-version=7.1" \
    --query "value[0].id" --output tsv); then
    fail "Looking up agent pool '$pool' in $organization_url failed for $name (see above): are you signed in with 'az login' as a member of the organisation, in the organisation's Entra tenant?"
  fi
  [ -n "$pool_id" ] ||
    fail "Agent pool '$pool' was not found in $organization_url (needed by $name): create it (Organization settings > Agent pools) or fix the pool name, then run this again."

  echo "Adding $name (principal id $principal_id) to $organization_url with role $role on pool '$pool' ($pool_id)."
  if ! member_id=$(az rest --method post --resource "$devops_application" \
    --url "https://vsaex.dev.azure.com/$organization/_apis/serviceprincipalentitlements?api-version=7.1-preview.1" \
    --headers "Content-Type=application/json" \
    --body "{\"accessLevel\":{\"accountLicenseType\":\"express\"},\"servicePrincipal\":{\"origin\":\"aad\",\"originId\":\"$principal_id\",\"subjectKind\":\"servicePrincipal\"}}" \
    --query "servicePrincipalEntitlement.id || operationResult.servicePrincipalId" --output tsv); then
    fail "Adding $name to $organization_url failed (see above). Likely causes: you are not an organisation administrator (Project Collection Administrators), or the identity is not in the Entra tenant the organisation is connected to."
  fi
  [ -n "$member_id" ] ||
    fail "Adding $name to $organization_url returned no member id. Likely causes: the identity is not in the Entra tenant the organisation is connected to, or the organisation has no Basic licence left."

  if ! az rest --method put --resource "$devops_application" \
    --url "https://dev.azure.com/$organization/_apis/securityroles/scopes/distributedtask.agentpoolrole/roleassignments/resources/$pool_id?api-version=7.1-preview.1" \
    --headers "Content-Type=application/json" \
    --body "[{\"userId\":\"$member_id\",\"roleName\":\"$role\"}]" --output none; then
    fail "Giving $name the role $role on agent pool '$pool' in $organization_url failed (see above): you must administer the pool (pool Security, or Project Collection Administrators)."
  fi
}

# One line per resource, fields joined by '|' rather than tsv's tabs: read collapses empty fields between tabs,
# which would blame a missing tag on the wrong one. Resource ids, names, URLs and roles contain no '|'.
if ! tagged=$(az_arm resource list --resource-group "$resource_group" \
  --query "[?tags.aspireagentsPoolRole].join('|', [id, name, tags.aspireagentsPoolRole, tags.aspireagentsOrganization || '', tags.aspireagentsPool || ''])" \
  --output tsv); then
  fail "Listing the resources of $resource_group failed (see above): are you signed in with 'az login', to the right subscription?"
fi

if [ -z "$tagged" ]; then
  # With a personal access token nothing is tagged; with system-assigned identities the jobs exist only after deploy.
  echo "No resource in $resource_group is tagged aspireagentsPoolRole: nothing to grant."
  exit 0
fi

# fd 3, so that nothing the Azure CLI reads from stdin is taken from the list.
while IFS='|' read -r id name role organization_url pool <&3; do
  [ -n "$id" ] || continue
  grant "$id" "$name" "$role" "$organization_url" "$pool"
done 3<<EOF
$tagged
EOF

echo "Every tagged identity of $resource_group has access to its Azure DevOps agent pool."
if [ "$grant_only" = false ]; then
  sh "$script_dir/start-placeholder.sh" --strict "$resource_group"
fi

// User-assigned managed identity: pulls images from the registry, or talks to Azure DevOps for the agents
// or the Scaler. It exists from provisioning on, before any job or app, so it can be granted AcrPull and
// Azure DevOps access in time for their first start; a system-assigned identity cannot.

@description('Location of the identity.')
param location string = resourceGroup().location

@description('Aspire resource name.')
param name string

@description('Name of the registry this identity may pull from; empty grants nothing.')
param registryName string = ''

@description('Role on the agent pool this identity needs in Azure DevOps (Administrator: agents; Reader: the Scaler); empty: none.')
@allowed([
  ''
  'Administrator'
  'Reader'
])
param azureDevOpsPoolRole string = ''

@description('Azure DevOps organisation URL of that pool.')
param organizationUrl string = ''

@description('Name of that pool.')
param poolName string = ''

// AcrPull: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers#acrpull
var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: take('${name}-${uniqueString(resourceGroup().id)}', 128)
  location: location
  // What scripts/grant-azure-devops-access.sh reads to make the identity a member of the organisation with its role.
  tags: union(
    {
      'aspire-resource-name': name
    },
    empty(azureDevOpsPoolRole)
      ? {}
      : {
          aspireagentsPoolRole: azureDevOpsPoolRole
          aspireagentsOrganization: organizationUrl
          aspireagentsPool: poolName
        }
  )
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = if (!empty(registryName)) {
  name: registryName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(registryName)) {
  name: guid(registry.id, identity.id, subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId))
  scope: registry
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
  }
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId

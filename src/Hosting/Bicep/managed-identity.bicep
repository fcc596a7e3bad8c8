// User-assigned managed identity that pulls images from the registry. A job's system-assigned identity
// does not exist before the job does, so it cannot be granted AcrPull in time for the first image pull.

@description('Location of the identity.')
param location string = resourceGroup().location

@description('Aspire resource name.')
param name string

@description('Name of the registry this identity may pull from; empty grants nothing.')
param registryName string = ''

// AcrPull: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers#acrpull
var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: take('${name}-${uniqueString(resourceGroup().id)}', 128)
  location: location
  tags: {
    'aspire-resource-name': name
  }
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

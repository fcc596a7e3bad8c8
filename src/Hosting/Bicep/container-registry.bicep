// Azure Container Registry for the agent images. The admin user stays off: images are pulled with a
// user-assigned managed identity that holds AcrPull (see managed-identity.bicep).

@description('Location of the registry.')
param location string = resourceGroup().location

@description('Aspire resource name; the registry name adds a unique suffix because registry names are global.')
param name string

@description('Registry SKU.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param sku string = 'Basic'

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' = {
  name: take('${toLower(replace(name, '-', ''))}${uniqueString(resourceGroup().id)}', 50)
  location: location
  sku: {
    name: sku
  }
  properties: {
    adminUserEnabled: false
  }
  tags: {
    'aspire-resource-name': name
  }
}

output name string = registry.name
output id string = registry.id

// azd pushes images to the registry named by this output (its name is the convention azd looks for).
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.properties.loginServer

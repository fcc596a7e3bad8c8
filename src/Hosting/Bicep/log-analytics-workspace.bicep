// Log Analytics workspace that receives the container apps environment's console and system logs.

@description('Location of the workspace.')
param location string = resourceGroup().location

@description('Aspire resource name.')
param name string

@description('Days to keep logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: take('${name}-${uniqueString(resourceGroup().id)}', 63)
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
  tags: {
    'aspire-resource-name': name
  }
}

output name string = workspace.name
output id string = workspace.id

// Container Apps job that runs the Azure Pipelines agent: an Event job scaled by a KEDA rule (the agent
// job), a Manual job started on demand to register the offline placeholder agent, or a Schedule job that
// maintains the pool (removes dead agents, keeps the placeholder registered).
//
// The AppHost writes one copy of this module per job (`<job>.module.bicep`, next to the manifest) with the
// job's settings in the `settings` block below. Parameters carry only what exists after provisioning or
// the image build: azd passes each one through YAML quoting, which turns a literal such as 600 into the
// string '"600"' (docs/deploy.md), so no setting travels as a parameter.

@description('Location of the job.')
param location string = resourceGroup().location

@description('Image azd built and pushed for this job.')
param image string

@description('Resource id of the container apps environment.')
param environmentId string

@description('Default domain of the environment (the external Scaler\'s address is inside it).')
param environmentDefaultDomain string = ''

@description('Login server of the registry the image is pulled from.')
param registryEndpoint string

@description('Resource id of the user-assigned identity that holds AcrPull on the registry.')
param pullIdentityId string

@description('Resource id of the user-assigned identity the agents and the scale rule use for Azure DevOps (settings.azureDevOpsAuthentication userIdentity).')
param azureDevOpsIdentityId string = ''

@description('Client id of that identity: the agents\' AZURE_CLIENT_ID.')
param azureDevOpsIdentityClientId string = ''

@description('Personal access token (scope Agent Pools, read and manage), for settings.azureDevOpsAuthentication personalAccessToken.')
@secure()
param personalAccessToken string = ''

@description('A job as the AppHost models it.')
type JobSettings = {
  @description('Job name (the Aspire resource name).')
  name: string

  @description('agent: each execution runs one ephemeral agent; placeholder: registers the pool\'s offline placeholder agent; maintenance: removes dead agents and keeps the placeholder.')
  role: 'agent' | 'placeholder' | 'maintenance'

  @description('Workload profile the job runs on.')
  workloadProfileName: string

  @description('Seconds a replica may run before it is stopped.')
  @minValue(1)
  replicaTimeout: int

  @description('Retries of a failed replica; each retry is a new agent.')
  @minValue(0)
  replicaRetryLimit: int

  @description('Replicas per execution.')
  @minValue(1)
  parallelism: int

  @description('Replicas that must succeed for an execution to succeed.')
  @minValue(1)
  replicaCompletionCount: int

  @description('vCPUs per replica, as a decimal string (Bicep has no decimal literal).')
  cpu: string

  @description('Memory per replica, for example 4Gi.')
  memory: string

  @description('Azure DevOps organisation URL, without a trailing slash.')
  organizationUrl: string

  @description('Agent pool the agents join.')
  poolName: string

  @description('How the agents and the scale rule authenticate to Azure DevOps.')
  azureDevOpsAuthentication: 'systemIdentity' | 'userIdentity' | 'personalAccessToken'

  @description('Environment variables of the agent container besides AZP_URL, AZP_POOL and the credential.')
  environment: object

  @description('The event trigger; null for a manual or scheduled job.')
  scale: ScaleSettings?

  @description('The schedule trigger; absent for an event or manual job.')
  schedule: ScheduleSettings?
}

@description('Schedule trigger (scheduleTriggerConfig).')
type ScheduleSettings = {
  @description('When executions start: a five-field cron expression, in UTC.')
  cronExpression: string
}

@description('Event trigger and KEDA scale rule.')
type ScaleSettings = {
  @description('Executions started per polling interval, at least.')
  @minValue(0)
  minExecutions: int

  @description('Executions running at once, at most.')
  @minValue(1)
  maxExecutions: int

  @description('Seconds between two evaluations of the rule.')
  @minValue(1)
  pollingInterval: int

  @description('KEDA\'s built-in azure-pipelines scaler, or this application\'s Scaler as an external (gRPC) scaler.')
  rule: 'azure-pipelines' | 'external'

  @description('Trigger metadata, KEDA\'s azure-pipelines keys (https://keda.sh/docs/latest/scalers/azure-pipelines/).')
  metadata: object

  @description('Container app name of the Scaler (rule external).')
  externalScalerName: string?
}

// <settings>
var settings JobSettings = {
  name: 'agents'
  role: 'agent'
  workloadProfileName: 'Consumption'
  replicaTimeout: 1800
  replicaRetryLimit: 0
  parallelism: 1
  replicaCompletionCount: 1
  cpu: '2.0'
  memory: '4Gi'
  organizationUrl: 'https://dev.azure.com/your-organization'
  poolName: 'aca-agents'
  azureDevOpsAuthentication: 'userIdentity'
  environment: {}
  scale: {
    minExecutions: 0
    maxExecutions: 10
    pollingInterval: 30
    rule: 'azure-pipelines'
    metadata: {
      poolName: 'aca-agents'
      targetPipelinesQueueLength: '1'
    }
  }
}
// </settings>

var usePat = settings.azureDevOpsAuthentication == 'personalAccessToken'
var useUserIdentity = settings.azureDevOpsAuthentication == 'userIdentity'
var scale = settings.?scale
var schedule = settings.?schedule

// A job whose own identity talks to Azure DevOps carries what the grant script needs to find and grant it
// (scripts/grant-azure-devops-access.sh); a user-assigned identity carries the same tags itself.
var grantTags = settings.azureDevOpsAuthentication == 'systemIdentity'
  ? {
      aspireagentsPoolRole: 'Administrator'
      aspireagentsOrganization: settings.organizationUrl
      aspireagentsPool: settings.poolName
    }
  : {}

var organizationUrlSecret = {
  name: 'organization-url'
  value: settings.organizationUrl
}

var patSecret = {
  name: 'personal-access-token'
  value: personalAccessToken
}

var secrets = concat(
  scale != null && scale!.rule == 'azure-pipelines' ? [organizationUrlSecret] : [],
  usePat ? [patSecret] : []
)

// KEDA's built-in scaler takes the organisation URL as an auth parameter; it authenticates with the PAT or with
// the identity named here ('system' or a user-assigned identity's resource id).
var azurePipelinesRule = {
  name: 'azure-pipelines'
  type: 'azure-pipelines'
  metadata: scale.?metadata
  auth: concat(
    [
      {
        secretRef: organizationUrlSecret.name
        triggerParameter: 'organizationURL'
      }
    ],
    usePat
      ? [
          {
            secretRef: patSecret.name
            triggerParameter: 'personalAccessToken'
          }
        ]
      : []
  )
  identity: usePat ? null : useUserIdentity ? azureDevOpsIdentityId : 'system'
}

// The external Scaler reads Azure DevOps with its own identity. KEDA forwards only the trigger metadata (not
// auth parameters) to it, so the organisation URL travels as metadata; TLS is terminated by the environment.
var externalRule = {
  name: 'external-scaler'
  type: 'external'
  metadata: union(scale.?metadata ?? {}, {
    scalerAddress: '${scale.?externalScalerName}.internal.${environmentDefaultDomain}:443'
    enableTLS: 'true'
    organizationURL: settings.organizationUrl
  })
}

var credentialEnv = usePat
  ? [
      {
        name: 'AZP_TOKEN'
        secretRef: patSecret.name
      }
    ]
  : useUserIdentity
      ? [
          {
            name: 'AZURE_CLIENT_ID'
            value: azureDevOpsIdentityClientId
          }
        ]
      : []

var env = concat(
  [
    {
      name: 'AZP_URL'
      value: settings.organizationUrl
    }
    {
      name: 'AZP_POOL'
      value: settings.poolName
    }
  ],
  map(items(settings.environment), variable => {
    name: variable.key
    value: variable.value
  }),
  credentialEnv
)

var userIdentities = useUserIdentity
  ? {
      '${pullIdentityId}': {}
      '${azureDevOpsIdentityId}': {}
    }
  : {
      '${pullIdentityId}': {}
    }

resource job 'Microsoft.App/jobs@2025-07-01' = {
  name: settings.name
  location: location
  identity: {
    type: settings.azureDevOpsAuthentication == 'systemIdentity' ? 'SystemAssigned,UserAssigned' : 'UserAssigned'
    userAssignedIdentities: userIdentities
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: settings.workloadProfileName
    configuration: {
      triggerType: scale != null ? 'Event' : schedule != null ? 'Schedule' : 'Manual'
      replicaTimeout: settings.replicaTimeout
      replicaRetryLimit: settings.replicaRetryLimit
      eventTriggerConfig: scale == null
        ? null
        : {
            parallelism: settings.parallelism
            replicaCompletionCount: settings.replicaCompletionCount
            scale: {
              minExecutions: scale!.minExecutions
              maxExecutions: scale!.maxExecutions
              pollingInterval: scale!.pollingInterval
              rules: [
                scale!.rule == 'external' ? externalRule : azurePipelinesRule
              ]
            }
          }
      manualTriggerConfig: scale == null && schedule == null
        ? {
            parallelism: settings.parallelism
            replicaCompletionCount: settings.replicaCompletionCount
          }
        : null
      scheduleTriggerConfig: schedule == null
        ? null
        : {
            cronExpression: schedule!.cronExpression
            parallelism: settings.parallelism
            replicaCompletionCount: settings.replicaCompletionCount
          }
      registries: [
        {
          server: registryEndpoint
          identity: pullIdentityId
        }
      ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: 'agent'
          image: image
          env: env
          resources: {
            cpu: json(settings.cpu)
            memory: settings.memory
          }
        }
      ]
    }
  }
  tags: union(
    {
      'aspire-resource-name': settings.name
      // The postdeploy hook (scripts/start-placeholder.*) starts the jobs tagged as placeholders.
      aspireagentsRole: settings.role
    },
    grantTags
  )
}

output id string = job.id
output name string = job.name

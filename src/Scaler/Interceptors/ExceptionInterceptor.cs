using AspireAgents.AzureDevOps.Client;
using AspireAgents.Scaler.Services;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace AspireAgents.Scaler.Interceptors;

/// <summary>
/// Turns every failure into a precise gRPC status with a message naming the cause: bad metadata <c>InvalidArgument</c>,
/// unknown pool <c>NotFound</c>, refused credentials <c>Unauthenticated</c>, missing permission <c>PermissionDenied</c>,
/// Azure DevOps failures beyond the staleness bound <c>Unavailable</c>; anything unforeseen <c>Internal</c>, logged.
/// </summary>
/// <param name="logger">The logger.</param>
public sealed partial class ExceptionInterceptor(ILogger<ExceptionInterceptor> logger) : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    /// <summary>The status an exception maps to.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>The status.</returns>
    public static Status ToStatus(Exception exception) => exception switch
    {
        ScalerException scaler => new Status(scaler.StatusCode, scaler.Message),
        // A client exception's message quotes the answer's body; callers get the summary, the log gets the rest.
        AzureDevOpsAuthenticationException auth => new Status(StatusCode.Unauthenticated, AzureDevOpsFailureSummary.Describe(auth)),
        AzureDevOpsException { Failure: AzureDevOpsFailure.AccessDenied } denied => new Status(StatusCode.PermissionDenied, AzureDevOpsFailureSummary.Describe(denied)),
        AzureDevOpsException { Failure: AzureDevOpsFailure.NotFound } missing => new Status(StatusCode.NotFound, AzureDevOpsFailureSummary.Describe(missing)),
        AzureDevOpsException other => new Status(StatusCode.Unavailable, AzureDevOpsFailureSummary.Describe(other)),
        OperationCanceledException => new Status(StatusCode.Cancelled, "The call was cancelled."),
        _ => new Status(StatusCode.Internal, "The scaler failed unexpectedly; its log has the details."),
    };

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        var status = ToStatus(exception);
        if (status.StatusCode == StatusCode.Internal)
        {
            LogUnexpected(exception, context.Method);
        }
        else if (status.StatusCode != StatusCode.Cancelled)
        {
            LogFailed(exception is ScalerException ? exception.InnerException : exception, context.Method, status.StatusCode, status.Detail);
        }

        return new RpcException(status);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, string method);

    // The cause is logged in full (the answer's text included) for whoever runs the scaler; the caller saw only the detail.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} failed with {StatusCode}: {Detail}")]
    private partial void LogFailed(Exception? cause, string method, StatusCode statusCode, string detail);
}

namespace AspireAgents.DevOpsEmulator.Auth;

/// <summary>The HTML page Azure DevOps answers with (status 203) instead of a 401 for some bad credentials.</summary>
internal static class SignInPage
{
    /// <summary>The page's title, which clients look for to detect it.</summary>
    public const string Title = "Azure DevOps Services | Sign In";

    public static string Html(string organization) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>{{Title}}</title>
        </head>
        <body>
          <h1>{{Title}}</h1>
          <p>Sign in to continue to the organization {{organization}}.</p>
          <p>This page is what Azure DevOps returns, with status 203, when the credentials of an API call are malformed.</p>
        </body>
        </html>
        """;
}

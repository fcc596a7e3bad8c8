namespace AspireAgents.AgentRunner;

/// <summary>
/// Remembers every token the runner handled and masks it in text that reaches a log, such as the agent's
/// own output: a token must never be logged, whatever prints it.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    private volatile string[] _secrets = [];

    /// <summary>Adds <paramref name="secret"/> to the values to mask.</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        lock (this)
        {
            if (!_secrets.Contains(secret, StringComparer.Ordinal))
            {
                // Longest first, so that a secret containing another is masked whole.
                _secrets = [.. _secrets.Append(secret).OrderByDescending(s => s.Length)];
            }
        }
    }

    /// <summary><paramref name="text"/> with every known secret masked.</summary>
    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}

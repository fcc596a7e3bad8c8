using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AspireAgents.Hosting.Tests.Infrastructure.Azd;

/// <summary>
/// azd's <c>asYamlString</c>: the YAML form of one string, as <c>github.com/braydonk/yaml</c> (a go-yaml v3 fork, azd's
/// go.mod) marshals it. azd writes every deployment parameter through it (Azure/azure-dev
/// <c>cli/azd/pkg/apphost/generate.go</c>, <c>asYamlString</c> l.1932–1952, used by <c>buildDeployBlock</c> l.2054–2093).
/// </summary>
/// <remarks>
/// Rules, from braydonk/yaml at 10bcc85:
/// <list type="bullet">
/// <item><c>encode.go</c> <c>stringv</c> (l.327–366): a string that would resolve to another tag unquoted (null, bool,
/// int, float, timestamp; <c>resolve.go</c> l.37–200), or is an old YAML 1.1 bool or a base-60 float
/// (<c>encode.go</c> l.295–330), is written double-quoted; any other is asked for in the plain style.</item>
/// <item><c>emitterc.go</c> <c>yaml_emitter_select_scalar_style</c> (l.1002–1047): the plain style falls back to single
/// quotes when the scalar analysis (l.1256ff.) finds an indicator at its start (<c>{</c>, <c>[</c>, <c>#</c>, …),
/// <c>": "</c> or <c>" #"</c> inside, or leading or trailing space.</item>
/// </list>
/// Strings outside what these rules decide here (quotes, backslashes, line breaks, tabs, non-ASCII, a leading
/// <c>-</c>, <c>?</c> or <c>:</c>) throw, so that a test never guesses.
/// </remarks>
internal static partial class AzdYaml
{
    private static readonly HashSet<string> ResolvesToOtherTag = new(StringComparer.Ordinal)
    {
        // resolve.go resolveMapList (l.47–60)
        "true", "True", "TRUE", "false", "False", "FALSE", "", "~", "null", "Null", "NULL",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<",
    };

    // encode.go isOldBool
    private static readonly HashSet<string> OldBools = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF",
    };

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")]
    private static partial Regex Base60Float();

    [GeneratedRegex(@"^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?")]
    private static partial Regex TimestampStart();

    /// <summary>The string as azd's <c>asYamlString</c> returns it (without the trailing newline).</summary>
    public static string AsYamlString(string value)
    {
        if (value.Any(c => c is '\'' or '"' or '\\' or '\n' or '\r' or '\t' || c > '~') && !IsTemplateAction(value))
        {
            throw new NotSupportedException($"'{value}': the quoting of quotes, backslashes, breaks, tabs and non-ASCII is not modelled.");
        }

        if (ResolvesToAnotherTag(value) || OldBools.Contains(value) || Base60Float().IsMatch(value))
        {
            return "\"" + value + "\"";
        }

        if (value[0] is '-' or '?' or ':')
        {
            throw new NotSupportedException($"'{value}': a leading '{value[0]}' is an indicator only before a space; not modelled.");
        }

        var plainForbidden = value[0] is ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`'
            || value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal)
            || value.EndsWith(':') || value.StartsWith(' ') || value.EndsWith(' ');
        return plainForbidden ? "'" + value + "'" : value;
    }

    // A Go template action azd itself writes ({{ securedParameter "x" }}): its double quotes are inside a string that
    // starts with '{', which the emitter single-quotes, keeping the double quotes as they are.
    private static bool IsTemplateAction(string value) =>
        value.StartsWith("{{ ", StringComparison.Ordinal) && value.EndsWith(" }}", StringComparison.Ordinal)
        && !value.Contains('\'') && !value.Contains('\\') && !value.Contains('\n');

    private static bool ResolvesToAnotherTag(string value)
    {
        if (ResolvesToOtherTag.Contains(value))
        {
            return true;
        }

        // resolve.go: only values starting with a digit, a sign or '.' are tried as numbers and timestamps.
        if (!(char.IsAsciiDigit(value[0]) || value[0] is '+' or '-' or '.'))
        {
            return false;
        }

        if (TimestampStart().IsMatch(value) && IsTimestamp(value))
        {
            return true;
        }

        var plain = value.Replace("_", "", StringComparison.Ordinal);
        return IsGoInteger(plain) || YamlStyleFloat().IsMatch(plain);
    }

    // resolve.go parseTimestamp: the formats go-yaml accepts.
    private static bool IsTimestamp(string value) =>
        DateTime.TryParseExact(value, ["yyyy-M-d'T'H:m:s.FFFFFFFFFK", "yyyy-M-d't'H:m:s.FFFFFFFFFK", "yyyy-M-d H:m:s.FFFFFFFFFK", "yyyy-M-d H:m:s", "yyyy-M-d"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    // strconv.ParseInt(s, 0, 64) and ParseUint: an optional sign, then 0x/0o/0b/0 prefixes or decimal digits.
    private static bool IsGoInteger(string value)
    {
        var digits = value.TrimStart('+', '-');
        if (value.Length - digits.Length > 1 || digits.Length == 0)
        {
            return false;
        }

        var (radix, body) = digits.Length > 2 && digits[0] == '0' && char.ToLowerInvariant(digits[1]) is 'x' or 'o' or 'b'
            ? (char.ToLowerInvariant(digits[1]) switch { 'x' => 16, 'o' => 8, _ => 2 }, digits[2..])
            : digits.Length > 1 && digits[0] == '0' ? (8, digits[1..]) : (10, digits);
        return body.Length > 0 && body.All(c => Uri.IsHexDigit(c) && Convert.ToInt32(c.ToString(), 16) < radix);
    }

    /// <summary>
    /// The parameter expression azd writes into the <c>.bicepparam</c>: the YAML string, wrapped in single quotes unless it
    /// already starts with one (generate.go l.2085–2091).
    /// </summary>
    public static string DeployParameterExpression(string value)
    {
        var yaml = AsYamlString(value);
        return yaml.StartsWith('\'') ? yaml : "'" + yaml + "'";
    }

    /// <summary>A short description for failure messages.</summary>
    public static string Describe(string value) => new StringBuilder(value).Replace("\n", "\\n").ToString();
}

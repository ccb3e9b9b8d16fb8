using System.Text;

namespace EdgeGateway.Configuration;

/// <summary>Converts between IConfiguration paths (<c>buses:0:port</c>) and the form people read in gateway.json (<c>buses[0].port</c>).</summary>
internal static class ConfigKeyPath
{
    public static string ToDisplay(string configurationPath)
    {
        var display = new StringBuilder(configurationPath.Length + 8);
        foreach (var segment in configurationPath.Split(':'))
        {
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit))
            {
                display.Append('[').Append(segment).Append(']');
            }
            else
            {
                if (display.Length > 0)
                {
                    display.Append('.');
                }

                display.Append(segment);
            }
        }

        return display.ToString();
    }

    public static string Combine(string parent, string key) => parent.Length == 0 ? key : parent + ":" + key;
}

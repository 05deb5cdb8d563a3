using System;
using System.Globalization;
using System.Text;

namespace Declarative.Sockets;

/// <summary>
/// Reads the whitespace-separated words (space or tab) of one command line, in UTF-8, without allocating; used by
/// generated command dispatchers.
/// </summary>
public ref struct CommandReader
{
    private ReadOnlySpan<byte> _rest;

    /// <summary>Starts at the beginning of <paramref name="line"/>.</summary>
    public CommandReader(ReadOnlySpan<byte> line) => _rest = line;

    /// <summary>The next word, or false when none is left.</summary>
    public bool TryNext(out ReadOnlySpan<byte> word)
    {
        var start = 0;
        while (start < _rest.Length && IsSpace(_rest[start]))
        {
            start++;
        }

        if (start == _rest.Length)
        {
            _rest = default;
            word = default;
            return false;
        }

        var end = start;
        while (end < _rest.Length && !IsSpace(_rest[end]))
        {
            end++;
        }

        word = _rest.Slice(start, end - start);
        _rest = _rest.Slice(end);
        return true;
    }

    /// <summary>The remaining words as strings (an empty array when none is left).</summary>
    public string[] Rest()
    {
        var copy = this;
        var count = 0;
        while (copy.TryNext(out _))
        {
            count++;
        }

        if (count == 0)
        {
            return Array.Empty<string>();
        }

        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            TryNext(out var word);
            words[i] = Encoding.UTF8.GetString(word);
        }

        return words;
    }

    private static bool IsSpace(byte value) => value is (byte)' ' or (byte)'\t';
}

/// <summary>Parsing and replies for generated command dispatchers: invariant culture, no reflection.</summary>
public static class Commands
{
    /// <summary>Whether a word equals a command or enum member name, ASCII letters compared ignoring case, other bytes exactly.</summary>
    public static bool NameEquals(ReadOnlySpan<byte> word, ReadOnlySpan<byte> name)
    {
        if (word.Length != name.Length)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            var a = word[i];
            var b = name[i];
            if (a != b && ((uint)((a | 0x20) - 'a') > 'z' - 'a' || (a | 0x20) != (b | 0x20)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The word as a string.</summary>
    public static string String(ReadOnlySpan<byte> word) => Encoding.UTF8.GetString(word);

    /// <summary>Parses an integer (invariant culture, optional sign).</summary>
    public static bool TryInt32(ReadOnlySpan<byte> word, out int value) =>
        int.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a long integer (invariant culture, optional sign).</summary>
    public static bool TryInt64(ReadOnlySpan<byte> word, out long value) =>
        long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a double (invariant culture: <c>.</c> decimal point, exponent allowed, no thousands separators).</summary>
    public static bool TryDouble(ReadOnlySpan<byte> word, out double value) =>
        double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a decimal (invariant culture: <c>.</c> decimal point, no thousands separators).</summary>
    public static bool TryDecimal(ReadOnlySpan<byte> word, out decimal value) =>
        decimal.TryParse(word, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses <c>true</c> or <c>false</c>, ignoring case.</summary>
    public static bool TryBoolean(ReadOnlySpan<byte> word, out bool value)
    {
        if (NameEquals(word, "true"u8))
        {
            value = true;
            return true;
        }

        value = false;
        return NameEquals(word, "false"u8);
    }

    /// <summary>The message for a command given too few or too many words.</summary>
    public static string WrongArity(string command) => $"wrong number of arguments for '{command}'";

    /// <summary>The message for a word that does not parse as its parameter.</summary>
    public static string InvalidValue(ReadOnlySpan<byte> word, string parameter, string command) =>
        $"invalid value '{Encoding.UTF8.GetString(word)}' for parameter '{parameter}' of '{command}'";

    /// <summary>The default reply to an error: <c>ERR</c> and the message, as a line.</summary>
    public static System.Threading.Tasks.ValueTask Error(Connection connection, string message)
    {
        connection.WriteLine("ERR " + message);
        return default;
    }

    /// <summary>The default reply to an unknown command: <c>ERR unknown command 'NAME'</c>.</summary>
    public static System.Threading.Tasks.ValueTask Unknown(Connection connection, ReadOnlySpan<byte> name) =>
        Error(connection, $"unknown command '{Encoding.UTF8.GetString(name)}'");
}

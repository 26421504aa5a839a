using System;

namespace Beacons.Shared.Common
{
    /// <summary>Lower-case hex encoding and strict decoding, without the BCL helpers nanoFramework lacks.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>The lower-case hex digit of the low 4 bits of <paramref name="value"/>.</summary>
        public static char Digit(int value)
        {
            return Digits[value & 0x0F];
        }

        /// <summary>Encodes <paramref name="count"/> bytes from <paramref name="offset"/> as lower-case hex.</summary>
        public static string Encode(byte[] data, int offset, int count)
        {
            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                chars[2 * i] = Digits[b >> 4];
                chars[2 * i + 1] = Digits[b & 0x0F];
            }

            return new string(chars);
        }

        public static string Encode(byte[] data)
        {
            return Encode(data, 0, data.Length);
        }

        /// <summary>Decodes hex (either case, no separators). Returns null for odd length or a non-hex digit.</summary>
        public static byte[] TryDecode(string text)
        {
            if (text == null || (text.Length & 1) != 0)
            {
                return null;
            }

            byte[] bytes = new byte[text.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                int hi = Nibble(text[2 * i]);
                int lo = Nibble(text[2 * i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return null;
                }

                bytes[i] = (byte)((hi << 4) | lo);
            }

            return bytes;
        }

        /// <summary>Value of one hex digit, or -1.</summary>
        public static int Nibble(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
